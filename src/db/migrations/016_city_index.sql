-- 城市管理指数 (city management index): the indicator tree of each year (干净, 整洁, 有序, 安全, 群众满意 → weighted
-- indicators) with every saved version, and what administrators enter or import for a year: 实地考察 scores and
-- 问卷调查 results per region and indicator.

create table city_index_trees (
  year integer primary key check (year between 2000 and 2100),
  tree jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by bigint references users(id)
);

create table city_index_tree_history (
  id bigserial primary key,
  year integer not null,
  tree jsonb not null,
  changed_at timestamptz not null default now(),
  changed_by bigint references users(id)
);
create index city_index_tree_history_year on city_index_tree_history(year, id desc);

-- 实地考察: one score (0–100) per year, region and inspection indicator
create table city_index_inspections (
  year integer not null,
  region_code text not null references divisions(code),
  indicator_key text not null,
  score double precision not null check (score >= 0 and score <= 100),
  note text not null default '',
  entered_by bigint references users(id),
  entered_at timestamptz not null default now(),
  primary key (year, region_code, indicator_key)
);

-- 问卷调查: per year, region and questionnaire indicator (one question): the sample size and the share satisfied (%)
create table city_index_questionnaires (
  year integer not null,
  region_code text not null references divisions(code),
  indicator_key text not null,
  sample_size integer not null check (sample_size > 0),
  satisfaction double precision not null check (satisfaction >= 0 and satisfaction <= 100),
  entered_by bigint references users(id),
  entered_at timestamptz not null default now(),
  primary key (year, region_code, indicator_key)
);
