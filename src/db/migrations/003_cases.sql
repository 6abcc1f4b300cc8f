-- 指挥协调: cases (案件), their reporters, photos, timeline and stage clocks; 立结案标准 (time limits per type)
-- with history; the working calendar's administrator-entered days; the case-number counters.
-- Working periods live in settings under 'calendar.periods'.

create table case_counters (
  year integer not null,
  district_code text not null,
  last_seq integer not null,
  primary key (year, district_code)
);

create table cases (
  id bigserial primary key,
  case_no text not null unique,                       -- YYYY-DDDDDD-NNNNNN: year, district, sequence
  kind text not null check (kind in ('component', 'matter')),
  type_code text not null,
  matter_code text not null check (matter_code ~ '^[0-9]{11}$'),   -- 6 district + 5 type
  component_id text references components(id),
  lon double precision not null,
  lat double precision not null,
  address text not null check (char_length(address) <= 256),       -- 事发位置
  grid_code text not null references unit_grids(code),
  community_code text not null,
  street_code text not null,
  district_code text not null,
  description text not null default '',
  source text not null check (source in ('collector', 'public', 'hotline', 'video_ai', 'iot', 'patrol', 'leader', 'media')),
  urgent boolean not null default false,
  stage text not null,
  waiting_role text,
  waiting_region_code text,
  waiting_department_id bigint references departments(id),
  waiting_user_id bigint references users(id),
  lead_department_id bigint references departments(id),            -- 主办
  assist_department_ids bigint[] not null default '{}',            -- 协办
  dispatch_level smallint check (dispatch_level in (1, 2)),
  dispatch_region text,
  assignee_user_id bigint references users(id),                    -- the collector sent to 核实/核查
  verification text not null default 'none' check (verification in ('none', 'found', 'not_found')),
  requested_extension jsonb,
  overdue boolean not null default false,
  supervised_count integer not null default 0,
  close_type text check (close_type in ('normal', 'overdue', 'error', 'special')),
  rejection text check (rejection in ('not_accepted', 'not_filed')),
  reject_reason text,
  merged_into bigint references cases(id),
  satisfaction text,
  routing jsonb not null default '{}',                             -- the 权责清单 suggestion made at intake
  created_by bigint references users(id),
  idempotency_key text unique,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  foreign key (kind, type_code) references catalog_types(kind, code)
);
create index cases_stage on cases(stage, district_code);
create index cases_waiting_role on cases(waiting_role, stage);
create index cases_waiting_department on cases(waiting_department_id) where waiting_department_id is not null;
create index cases_waiting_user on cases(waiting_user_id) where waiting_user_id is not null;
create index cases_lead_department on cases(lead_department_id) where lead_department_id is not null;
create index cases_grid on cases(grid_code);
create index cases_created on cases(created_at desc, id desc);
create index cases_type on cases(kind, type_code);
create index cases_open_overdue on cases(district_code) where overdue and closed_at is null;

create table case_reporters (
  id bigserial primary key,
  case_id bigint not null references cases(id),
  user_id bigint references users(id),
  name text,
  phone text,
  source text not null,
  reported_at timestamptz not null default now()
);
create index case_reporters_case on case_reporters(case_id);
create index case_reporters_user on case_reporters(user_id) where user_id is not null;

create table case_events (
  id bigserial primary key,
  case_id bigint not null references cases(id),
  at timestamptz not null default now(),
  actor_id bigint,
  actor_name text not null,
  actor_role text not null,
  action text not null,
  from_stage text,
  to_stage text,
  opinion text,
  attachments jsonb not null default '[]',
  details jsonb not null default '{}'
);
create index case_events_case on case_events(case_id, id);

create table case_media (
  case_id bigint not null references cases(id),
  hash text not null references media(hash),
  phase text not null check (phase in ('before', 'after', 'other')),
  event_id bigint references case_events(id),
  added_at timestamptz not null default now(),
  primary key (case_id, hash, phase)
);

create table case_clocks (
  id bigserial primary key,
  case_id bigint not null references cases(id),
  clock text not null check (clock in ('accept', 'verify', 'file', 'dispatch', 'handle', 'check', 'close')),
  urgent boolean not null,
  started_at timestamptz not null,
  time_limit jsonb not null,                 -- {amount, unit}
  pauses jsonb not null default '[]',        -- [{from, to}] 挂账
  extensions jsonb not null default '[]',    -- [{amount, unit}] 延期
  deadline timestamptz,                      -- null while paused
  yellow_at timestamptz,
  red_at timestamptz,
  yellow_fired_at timestamptz,
  red_fired_at timestamptz,
  stopped_at timestamptz,
  outcome text check (outcome in ('done', 'cancelled')),
  on_time boolean
);
create index case_clocks_case on case_clocks(case_id, id);
create unique index case_clocks_running on case_clocks(case_id) where stopped_at is null;

create table case_limits (
  kind text not null,
  type_code text not null,
  filing_condition text not null,            -- 立案条件
  closing_condition text not null,           -- 结案条件
  limits jsonb not null,                     -- clock → {amount, unit}
  urgent_limits jsonb not null,              -- clock → {amount, unit} for urgent cases
  duplicate_radius_m integer not null default 50 check (duplicate_radius_m between 0 and 5000),
  duplicate_window_hours integer not null default 72 check (duplicate_window_hours between 0 and 8760),
  updated_at timestamptz not null default now(),
  updated_by bigint,
  primary key (kind, type_code),
  foreign key (kind, type_code) references catalog_types(kind, code)
);

create table case_limits_history (
  id bigserial primary key,
  kind text not null,
  type_code text not null,
  before jsonb,
  after jsonb not null,
  changed_at timestamptz not null default now(),
  changed_by bigint
);
create index case_limits_history_type on case_limits_history(kind, type_code, id);

create table calendar_days (
  date date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text,
  updated_at timestamptz not null default now(),
  updated_by bigint
);

-- In-app notifications (站内消息); urgent ones are also pushed through the external channels by a job.
create table notifications (
  id bigserial primary key,
  user_id bigint not null references users(id),
  case_id bigint references cases(id),
  message text not null,
  urgent boolean not null default false,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications(user_id, id desc);
create index notifications_unread on notifications(user_id) where read_at is null;
