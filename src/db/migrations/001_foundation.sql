-- Foundation: base data (基础数据), access control, audit, jobs and settings.
-- Geometry is GeoJSON in jsonb with a bbox array beside it; spatial queries run in process (src/base/spatial).

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by bigint
);

-- 行政区划: city (6) → district (6) → street (9) → community (12)
create table divisions (
  code text primary key check (code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
  name text not null,
  level text not null check (level in ('city', 'district', 'street', 'community')),
  parent_code text references divisions(code),
  geometry jsonb,
  bbox double precision[],
  area_m2 double precision,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index divisions_parent on divisions(parent_code);

-- 单元网格: 15 = 6 division + 3 street + 3 community + 3 sequence
create table unit_grids (
  code text primary key check (code ~ '^[0-9]{15}$'),
  name text not null,
  community_code text not null references divisions(code),
  geometry jsonb not null,
  bbox double precision[] not null,
  area_m2 double precision not null,
  start_date date not null default current_date,
  end_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (substr(code, 1, 12) = community_code)
);
create index unit_grids_community on unit_grids(community_code);

-- 部门: departments with 统一社会信用代码
create table departments (
  id bigserial primary key,
  credit_code text unique check (credit_code is null or credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name text not null unique,
  short_name text,
  category text not null,          -- 市政, 园林, 环卫, 供水, ...
  level text not null check (level in ('city', 'district', 'street', 'company')),
  parent_id bigint references departments(id),
  phone text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table department_regions (
  department_id bigint not null references departments(id) on delete cascade,
  division_code text not null references divisions(code),
  primary key (department_id, division_code)
);

create table users (
  id bigserial primary key,
  username text not null unique check (username ~ '^[A-Za-z0-9_.-]{3,64}$'),
  display_name text not null,
  phone text,
  id_number text,
  password_hash text not null,
  role text not null check (role in ('collector', 'acceptor', 'shift_leader', 'dispatcher', 'handler',
                                     'inspector', 'leader', 'admin', 'citizen')),
  region_code text references divisions(code),
  department_id bigint references departments(id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);
create index users_role on users(role);

create table sessions (
  token_hash text primary key,
  user_id bigint not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions(user_id);

-- API keys for machines (IoT gateways, hotline, other platforms); only a hash is stored
create table api_keys (
  id bigserial primary key,
  name text not null,
  key_prefix text not null unique,
  key_hash text not null,
  scopes text[] not null,
  region_code text references divisions(code),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- 责任网格: unit grids patrolled by one collector
create table responsibility_grids (
  code text primary key,
  name text not null,
  division_code text not null references divisions(code),
  collector_id bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table responsibility_grid_members (
  responsibility_code text not null references responsibility_grids(code) on delete cascade,
  grid_code text not null references unit_grids(code),
  primary key (responsibility_code, grid_code)
);
create index responsibility_grid_members_grid on responsibility_grid_members(grid_code);

-- 部件/事项 catalogue: standard types from GB/T 47678.5 and local extensions (minor 900–999)
create table catalog_types (
  kind text not null check (kind in ('component', 'matter')),
  code text not null check (code ~ '^[0-9]{5}$'),
  major_code text not null,
  major_name text not null,
  name text not null,
  is_standard boolean not null,
  enabled boolean not null default true,
  source text not null,
  created_at timestamptz not null default now(),
  primary key (kind, code),
  check (is_standard or substr(code, 3, 1) = '9')
);
create table legacy_catalog_map (
  kind text not null check (kind in ('component', 'event')),
  legacy_code text not null,
  legacy_name text not null,
  target_kind text check (target_kind in ('component', 'matter')),
  target_code text,
  method text not null,            -- name | major+minor | none
  primary key (kind, legacy_code),
  foreign key (target_kind, target_code) references catalog_types(kind, code)
);

-- 管理部件: 17 = 6 division + 2 major + 3 minor + 6 sequence
create table components (
  id text primary key check (id ~ '^[0-9]{17}$'),
  type_code text not null,
  kind text not null default 'component' check (kind = 'component'),
  name text not null,
  owner_department_id bigint references departments(id),       -- 主管部门
  property_unit_code text,                                      -- 权属单位
  property_unit_name text,
  maintainer_department_id bigint references departments(id),  -- 养护单位
  grid_code text not null references unit_grids(code),
  community_code text not null references divisions(code),
  street_code text not null references divisions(code),
  status text not null default '完好' check (status in ('完好', '破损', '丢失', '废弃', '移除')),
  initial_date date,
  change_date date,
  data_source text,
  accuracy text check (accuracy is null or accuracy in ('A', 'B', 'C')),
  remark text,
  lon double precision not null,
  lat double precision not null,
  photos jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (kind, type_code) references catalog_types(kind, code),
  check (substr(id, 7, 5) = type_code)
);
create index components_type on components(type_code);
create index components_grid on components(grid_code);
create index components_community on components(community_code);

-- Map layers the base map is drawn from: roads, rivers/parks, landmarks (POI)
create table roads (
  id bigserial primary key,
  name text not null,
  class text not null check (class in ('主干路', '次干路', '支路', '快速路')),
  geometry jsonb not null,
  bbox double precision[] not null
);
create table map_areas (
  id bigserial primary key,
  name text not null,
  kind text not null check (kind in ('water', 'park', 'square')),
  geometry jsonb not null,
  bbox double precision[] not null
);
create table landmarks (
  id bigserial primary key,
  name text not null,
  category text not null,
  lon double precision not null,
  lat double precision not null,
  address text
);

-- 审计: every write, hash-chained
create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  actor_id bigint,
  actor_name text not null,
  actor_role text not null,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create table audit_head (
  id integer primary key check (id = 1),
  last_id bigint not null,
  last_hash text not null
);
insert into audit_head values (1, 0, repeat('0', 64));

-- Jobs and timers shared by every app node (claimed with FOR UPDATE SKIP LOCKED)
create table jobs (
  id bigserial primary key,
  kind text not null,
  dedupe_key text unique,
  run_at timestamptz not null,
  payload jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed', 'cancelled')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due on jobs(run_at) where status = 'pending';
create index jobs_running on jobs(locked_until) where status = 'running';

-- Imports: one row per file, with the per-row report
create table import_runs (
  id bigserial primary key,
  kind text not null,
  file_name text not null,
  status text not null check (status in ('running', 'done', 'refused', 'failed')),
  total_rows integer not null default 0,
  ok_rows integer not null default 0,
  errors jsonb not null default '[]',
  warnings jsonb not null default '[]',
  user_id bigint references users(id),
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
