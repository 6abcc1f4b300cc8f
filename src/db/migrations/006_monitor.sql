-- 运行监测: device types and devices with their credentials, readings with 1-minute and 1-hour rollups, alarm rules,
-- alarms and their history; AI video: cameras, detection classes, detection events.
-- Reference rows (device types, video classes, the local matter type 道路积水) are seeded by src/monitor/seed.ts
-- after the standard catalogue, because they point at catalogue types.

create table monitor_device_types (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text not null,
  category text not null,                              -- 燃气, 供水, 排水, 桥梁, 供热, 综合管廊 …
  metrics jsonb not null,                              -- [{ key, name, unit }]
  matter_kind text not null default 'matter' check (matter_kind = 'matter'),
  matter_code text not null,                           -- the case type an alarm becomes (no watched component)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (matter_kind, matter_code) references catalog_types(kind, code)
);

create table monitor_devices (
  id bigserial primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9_-]{3,64}$'),   -- MQTT client username, topic level
  name text not null,
  type_code text not null references monitor_device_types(code),
  lon double precision not null,
  lat double precision not null,
  grid_code text not null references unit_grids(code),
  district_code text not null,
  component_id text references components(id),                     -- the 部件 it watches
  facility text,                                                   -- 监测对象: a bridge, a pipe segment …
  department_id bigint references departments(id),                 -- owner department (告警通知)
  secret_hash text not null,                                       -- SHA-256 of the device secret
  enabled boolean not null default true,
  last_seen_at timestamptz,
  bad_payloads bigint not null default 0,
  last_bad_at timestamptz,
  last_bad_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index monitor_devices_grid on monitor_devices(grid_code);
create index monitor_devices_type on monitor_devices(type_code);

-- Raw readings; a repeated (device, metric, ts) is a duplicate and ignored. No foreign key: bulk writes stay cheap,
-- deleting a device deletes its readings explicitly.
create table monitor_readings (
  device_id bigint not null,
  metric text not null,
  ts timestamptz not null,
  value double precision not null,
  primary key (device_id, metric, ts)
);
create index monitor_readings_ts on monitor_readings(ts);

create table monitor_rollups (
  resolution text not null check (resolution in ('1m', '1h')),
  device_id bigint not null,
  metric text not null,
  bucket timestamptz not null,
  n integer not null,
  sum double precision not null,
  min double precision not null,
  max double precision not null,
  primary key (resolution, device_id, metric, bucket)
);
create index monitor_rollups_bucket on monitor_rollups(resolution, bucket);

-- Alarm rules for a device type or one device; params by kind (see src/monitor/rules/alarm-rules.ts).
create table monitor_rules (
  id bigserial primary key,
  name text not null,
  device_type_code text references monitor_device_types(code),
  device_id bigint references monitor_devices(id) on delete cascade,
  kind text not null check (kind in ('threshold', 'rate', 'offline')),
  metric text,
  params jsonb not null,
  matter_kind text not null default 'matter' check (matter_kind = 'matter'),
  matter_code text,                                    -- overrides the device type's case type
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((device_type_code is null) <> (device_id is null)),
  check ((kind = 'offline') = (metric is null)),
  foreign key (matter_kind, matter_code) references catalog_types(kind, code)
);

create table monitor_alarms (
  id bigserial primary key,
  device_id bigint not null references monitor_devices(id) on delete cascade,
  rule_id bigint not null references monitor_rules(id) on delete cascade,
  kind text not null,
  metric text,
  level text not null check (level in ('blue', 'yellow', 'orange', 'red')),
  peak_level text not null check (peak_level in ('blue', 'yellow', 'orange', 'red')),
  status text not null check (status in ('raised', 'confirmed', 'false_alarm', 'dispatched', 'recovered', 'archived')),
  first_value double precision,
  last_value double precision,
  raised_at timestamptz not null,
  last_at timestamptz not null,
  repeats integer not null default 0,
  confirmed_at timestamptz,
  recovered_at timestamptz,
  closed_at timestamptz,
  case_id bigint references cases(id),
  grid_code text not null,
  lon double precision not null,
  lat double precision not null,
  department_id bigint,
  note text
);
-- one active alarm per device and rule
create unique index monitor_alarms_active on monitor_alarms(device_id, rule_id) where status in ('raised', 'confirmed', 'dispatched');
create index monitor_alarms_status on monitor_alarms(status, id desc);
create index monitor_alarms_device on monitor_alarms(device_id, id desc);

create table monitor_alarm_events (
  id bigserial primary key,
  alarm_id bigint not null references monitor_alarms(id) on delete cascade,
  at timestamptz not null default now(),
  action text not null,                                -- raise, escalate, deescalate, confirm, false_alarm, dispatch, recover, archive
  level text,
  value double precision,
  actor_id bigint,
  actor_name text not null,
  note text
);
create index monitor_alarm_events_alarm on monitor_alarm_events(alarm_id, id);

create table monitor_cameras (
  id bigserial primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9_-]{3,64}$'),
  name text not null,
  lon double precision not null,
  lat double precision not null,
  grid_code text not null references unit_grids(code),
  district_code text not null,
  department_id bigint references departments(id),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table monitor_video_classes (
  class text primary key check (class ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text not null,
  matter_kind text not null default 'matter' check (matter_kind = 'matter'),
  matter_code text not null,
  min_confidence double precision not null check (min_confidence >= 0 and min_confidence <= 1),
  merge_seconds integer not null check (merge_seconds >= 0),
  mode text not null check (mode in ('auto', 'review')),   -- 自动立案 or 人工审核
  enabled boolean not null default true,
  updated_at timestamptz not null default now(),
  foreign key (matter_kind, matter_code) references catalog_types(kind, code)
);

create table monitor_video_events (
  id bigserial primary key,
  camera_id bigint not null references monitor_cameras(id) on delete cascade,
  class text not null references monitor_video_classes(class),
  confidence double precision not null,
  snapshot text references media(hash),
  detected_at timestamptz not null,
  last_at timestamptz not null,
  repeats integer not null default 0,
  status text not null check (status in ('pending_review', 'case_created', 'rejected')),
  case_id bigint references cases(id),
  reviewed_by bigint references users(id),
  reviewed_at timestamptz,
  note text,
  grid_code text not null,
  created_at timestamptz not null default now()
);
create index monitor_video_events_merge on monitor_video_events(camera_id, class, last_at desc);
create index monitor_video_events_status on monitor_video_events(status, id desc);
