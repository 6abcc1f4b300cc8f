-- 设施监测 and 防汛: the facilities devices sit on (bridges, pipe segments, tunnels, pumping stations, river sections …)
-- with their geometry; devices get a facility_id (the free-text `facility` column stays as a label). Flood: teams
-- (防汛队伍) per area, area warnings (区域预警) with their history and who was notified.

create table monitor_facilities (
  id bigserial primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9_-]{3,64}$'),
  kind text not null check (kind in ('bridge', 'gas_pipe', 'water_pipe', 'drain_pipe', 'heating_pipe', 'utility_tunnel',
    'pump_station', 'river_section', 'septic_tank', 'low_point', 'other')),
  name text not null,
  geometry jsonb not null,                             -- GeoJSON Point, LineString or Polygon (WGS84)
  lon double precision not null,                       -- representative point: placed in a unit grid (data scope)
  lat double precision not null,
  grid_code text not null references unit_grids(code),
  district_code text not null,
  department_id bigint references departments(id),     -- owner department (权属/主管)
  props jsonb not null default '{}',                   -- kind-specific: river sections' warningLevel/guaranteeLevel (m) …
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index monitor_facilities_grid on monitor_facilities(grid_code);
create index monitor_facilities_kind on monitor_facilities(kind);

alter table monitor_devices add column facility_id bigint references monitor_facilities(id) on delete set null;
create index monitor_devices_facility on monitor_devices(facility_id);

-- 防汛队伍: a department's team for an area (a division code: city, district or street), with its members
create table monitor_flood_teams (
  id bigserial primary key,
  name text not null,
  department_id bigint references departments(id),
  area_code text not null references divisions(code),
  phone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table monitor_flood_team_members (
  team_id bigint not null references monitor_flood_teams(id) on delete cascade,
  user_id bigint not null references users(id) on delete cascade,
  primary key (team_id, user_id)
);

-- 区域防汛预警: one active warning per area (a street), raised/updated/ended by the flood job
create table monitor_flood_warnings (
  id bigserial primary key,
  area_code text not null references divisions(code),
  level text not null check (level in ('blue', 'yellow', 'orange', 'red')),
  peak_level text not null check (peak_level in ('blue', 'yellow', 'orange', 'red')),
  status text not null check (status in ('active', 'ended')),
  reasons jsonb not null default '[]',                 -- [{ indicator, deviceId, deviceName, value, unit, level }]
  started_at timestamptz not null,
  updated_at timestamptz not null,
  lower_since timestamptz,                             -- since when the computed level has been below the current one
  ended_at timestamptz
);
create unique index monitor_flood_warnings_active on monitor_flood_warnings(area_code) where status = 'active';
create index monitor_flood_warnings_recent on monitor_flood_warnings(id desc);

create table monitor_flood_warning_events (
  id bigserial primary key,
  warning_id bigint not null references monitor_flood_warnings(id) on delete cascade,
  at timestamptz not null default now(),
  action text not null check (action in ('start', 'escalate', 'deescalate', 'end')),
  level text
);
create index monitor_flood_warning_events_warning on monitor_flood_warning_events(warning_id, id);

-- who was told (站内消息 row) and when they acknowledged
create table monitor_flood_notifications (
  id bigserial primary key,
  warning_id bigint not null references monitor_flood_warnings(id) on delete cascade,
  team_id bigint references monitor_flood_teams(id) on delete set null,
  user_id bigint not null references users(id) on delete cascade,
  notification_id bigint,
  level text not null,
  at timestamptz not null default now(),
  acked_at timestamptz
);
create index monitor_flood_notifications_warning on monitor_flood_notifications(warning_id, id);
create index monitor_flood_notifications_user on monitor_flood_notifications(user_id, warning_id);
