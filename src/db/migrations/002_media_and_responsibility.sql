-- Media (照片、视频) stored by content hash in the database, so every app node serves the same files,
-- and the responsibility list (权责清单): which department answers for a type of problem in a place.

create table media (
  hash text primary key check (hash ~ '^[0-9a-f]{64}$'),   -- SHA-256 of the bytes
  content_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  width integer,
  height integer,
  data bytea not null,
  thumbnail bytea,                                          -- JPEG, longest side 320 px (images only)
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);

create table responsibility_rules (
  id bigserial primary key,
  kind text not null check (kind in ('component', 'matter')),
  type_code text not null,
  division_code text not null references divisions(code),  -- the rule covers this division's subtree
  grid_code text references unit_grids(code),               -- optional: only this unit grid
  road_name text,                                            -- optional: only along this road (路长制)
  department_id bigint not null references departments(id),
  role text not null default 'lead' check (role in ('lead', 'assist')),   -- 主办 / 协办
  auto_dispatch boolean not null default false,              -- 机器派单
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (kind, type_code) references catalog_types(kind, code)
);
create index responsibility_rules_type on responsibility_rules(kind, type_code);
create index responsibility_rules_department on responsibility_rules(department_id);
