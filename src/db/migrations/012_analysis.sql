-- 分析研判: issued 提示函 (notice letters about recurring problems) with their yearly numbering, and the stored
-- 城市运行 reports (daily, weekly, monthly PDFs), one per kind, region and period.

create table analysis_letter_counters (
  year integer primary key,
  last_seq integer not null
);

create table analysis_letters (
  id bigserial primary key,
  letter_no text not null unique,                 -- 提示〔2026〕第 N 号
  department_id bigint references departments(id),
  department_name text not null,                  -- to whom (as named when issued)
  place_level text not null check (place_level in ('grid', 'community')),
  place_code text not null,
  place_name text not null,
  kind text not null check (kind in ('component', 'matter')),
  type_code text not null,
  type_name text not null,
  window_from date not null,
  window_to date not null,
  case_ids bigint[] not null,
  cases jsonb not null,                           -- [{caseNo, date, address, stage}] as issued
  body text not null,                             -- the letter's text as issued
  issued_by bigint references users(id),
  issued_by_name text not null,
  issued_at timestamptz not null default now()
);
create index analysis_letters_place on analysis_letters(place_code, kind, type_code);

create table analysis_reports (
  id bigserial primary key,
  kind text not null check (kind in ('daily', 'weekly', 'monthly')),
  region_code text not null,                      -- the division the report covers
  period_from date not null,
  period_to date not null,                        -- inclusive
  title text not null,
  pdf bytea not null,
  size_bytes integer not null,
  generated_by bigint references users(id),       -- null: the schedule
  generated_by_name text not null,
  generated_at timestamptz not null default now(),
  unique (kind, region_code, period_from)
);
create index analysis_reports_generated on analysis_reports(generated_at desc);
