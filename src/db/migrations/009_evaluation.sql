-- 综合评价: a daily rollup of finished stage clocks (按时/按期 and the outcomes the case counters cannot tell), kept from
-- case_clocks a few seconds behind them by the evaluation job (src/evaluation/clock-counts.ts), like case_counts is
-- kept from the timeline; and the scoring settings' history. Recomputable from case_clocks, case_events and cases.

-- Stopped clocks not yet added to evaluation_clock_counts (the flush takes them with SKIP LOCKED and marks them).
alter table case_clocks add column evaluated boolean not null default false;
create index case_clocks_unevaluated on case_clocks(id) where stopped_at is not null and not evaluated;

create table evaluation_clock_counts (
  day date not null,                 -- China date the clock stopped
  clock text not null,
  action text not null,              -- the timeline action that stopped it ('' when none was found)
  grid_code text not null,
  source text not null,              -- the case's source, kept for filing stops only ('' otherwise)
  department_id bigint not null,     -- 主办 department while the clock ran (handle/check/close clocks; 0 otherwise)
  actor_id bigint not null,          -- who stopped it (0: the system or a machine)
  actor_role text not null,
  reporter_id bigint not null,       -- the case's reporter, kept for report decisions only (0 otherwise)
  dispatcher_id bigint not null,     -- who dispatched, for handle clocks started by a dispatch (0 otherwise)
  cohort_day date not null,          -- for 结案 and 返工: the China date the judged 处置 finished ('1900-01-01' otherwise)
  n integer not null,                -- clocks
  done integer not null,             -- outcome 'done'
  on_time integer not null,          -- done before the deadline
  files integer not null,            -- stops that filed the case (立案)
  dispatched integer not null,       -- handle clocks started by a dispatch
  normal_close integer not null,     -- 结案 with close type 正常 (not 超时)
  primary key (day, clock, action, grid_code, source, department_id, actor_id, actor_role, reporter_id, dispatcher_id, cohort_day)
);
create index evaluation_clock_counts_cohort on evaluation_clock_counts(cohort_day) where cohort_day <> '1900-01-01';

-- 评分设置 history (the current value lives in settings under 'evaluation.scoring').
create table evaluation_scoring_history (
  id bigserial primary key,
  value jsonb not null,
  changed_at timestamptz not null default now(),
  changed_by bigint
);
