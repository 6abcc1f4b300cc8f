-- 运行监测, second part: actuator commands (反向控制) sent to devices over MQTT by an alarm rule's action or by a person
-- from an alarm, with their acknowledgement; drone and vehicle patrol detections (无人机/车载巡查) kept with the AI
-- video events (a position instead of a camera).

-- What a rule does when it fires: [{ name, params, onRaise, atLevel }] (src/monitor/rules/commands.ts).
alter table monitor_rules add column actions jsonb not null default '[]';

create table monitor_commands (
  id bigserial primary key,
  device_id bigint not null references monitor_devices(id) on delete cascade,
  alarm_id bigint references monitor_alarms(id) on delete cascade,
  name text not null check (name ~ '^[a-z][a-z0-9_]{1,39}$'),
  params jsonb not null default '{}',
  origin text not null check (origin in ('rule', 'manual')),
  -- pending: committed, not yet handed to the broker; sent: the broker took it (QoS 1); acknowledged / rejected: the
  -- device answered on <root>/devices/<code>/commands/ack; failed: no broker, or the broker refused it
  status text not null check (status in ('pending', 'sent', 'acknowledged', 'rejected', 'failed')),
  sent_at timestamptz,
  ack_at timestamptz,
  result text,                                         -- the device's message, or why sending failed
  actor_id bigint,
  actor_name text not null,
  created_at timestamptz not null default now()
);
create index monitor_commands_alarm on monitor_commands(alarm_id, id);
create index monitor_commands_device on monitor_commands(device_id, id desc);

-- Patrol detections: source drone|vehicle with the patrol's id and the detection's own position; camera events keep
-- camera_id (their position is the camera's).
alter table monitor_video_events alter column camera_id drop not null;
alter table monitor_video_events add column source text not null default 'camera' check (source in ('camera', 'drone', 'vehicle'));
alter table monitor_video_events add column patrol_id text;
alter table monitor_video_events add column lon double precision;
alter table monitor_video_events add column lat double precision;
alter table monitor_video_events add constraint monitor_video_events_origin
  check ((source = 'camera') = (camera_id is not null) and (source = 'camera' or (lon is not null and lat is not null and patrol_id is not null)));
create index monitor_video_events_patrol on monitor_video_events(class, last_at desc) where source <> 'camera';

-- Readings arrive in time order: a BRIN index serves the retention sweep's range deletes at a fraction of a btree's
-- cost per insert (the ingest's hot path); per-device history uses the primary key.
drop index monitor_readings_ts;
create index monitor_readings_ts on monitor_readings using brin (ts);
