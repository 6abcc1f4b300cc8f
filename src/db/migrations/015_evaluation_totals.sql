-- 综合评价 coarse level: per-month running totals of every evaluation figure, so a table for whole months reads two
-- rows per object instead of a day × grid × actor scan. The fine rollups (case_counts, evaluation_clock_counts) stay
-- for partial-month edges and drill-downs. Every flush that adds to a fine rollup also queues the same rows as deltas
-- (in the same statement); the evaluation job and readers fold the deltas into the totals (src/evaluation/totals.ts).
-- Columns of evaluation_figure_totals are the figures of src/evaluation/rules/figures.ts (FIGURES), one each.

create table evaluation_event_deltas (
  id bigserial primary key,
  day date not null,
  counter text not null,
  grid_code text not null,
  department_id bigint not null,
  actor_id bigint not null,
  actor_role text not null,
  n integer not null
);

create table evaluation_clock_deltas (
  id bigserial primary key,
  day date not null,
  clock text not null,
  action text not null,
  grid_code text not null,
  source text not null,
  department_id bigint not null,
  actor_id bigint not null,
  actor_role text not null,
  reporter_id bigint not null,
  dispatcher_id bigint not null,
  cohort_day date not null,
  n integer not null,
  done integer not null,
  on_time integer not null,
  files integer not null,
  dispatched integer not null,
  normal_close integer not null
);

-- One series per object seen in a community: dim 'grid' (key: unit grid code; every figure), 'department' (key:
-- department id), 'actor' (key: user id, role: the role they acted in; figures counted for whoever acted),
-- 'reporter' and 'dispatcher' (key: user id; the figures counted for the reporter or dispatcher). A row holds the
-- series' totals from the beginning up to and including its China month (the month of the day, or of the judged
-- 处置 for the 结案 cohort) and is valid until next_month, the series' next row ('infinity' for the last).
create table evaluation_figure_totals (
  dim text not null,
  key text not null,
  role text not null,
  community text not null,           -- the 12-digit community prefix of the grid (data scope)
  month date not null,
  next_month date not null,
  "reported" integer not null,
  "accepted" integer not null,
  "filed" integer not null,
  "voided" integer not null,
  "dispatched" integer not null,
  "returned" integer not null,
  "extended" integer not null,
  "suspended" integer not null,
  "closed" integer not null,
  "supervised" integer not null,
  "decided" integer not null,
  "validReported" integer not null,
  "toVerify" integer not null,
  "verifiedOnTime" integer not null,
  "toCheck" integer not null,
  "checkedOnTime" integer not null,
  "filings" integer not null,
  "missed" integer not null,
  "toFile" integer not null,
  "filedOnTime" integer not null,
  "acceptDone" integer not null,
  "acceptOnTime" integer not null,
  "verifyDispatches" integer not null,
  "verifyDispatchOnTime" integer not null,
  "toDispatch" integer not null,
  "dispatchedOnTime" integer not null,
  "dispatchOutcomes" integer not null,
  "dispatchReturned" integer not null,
  "toHandle" integer not null,
  "handled" integer not null,
  "handledOnTime" integer not null,
  "closeStops" integer not null,
  "closeOnTime" integer not null,
  "toClose" integer not null,
  "closedOfDue" integer not null,
  "closedOnTime" integer not null,
  "reworked" integer not null,
  primary key (dim, key, role, community, month)
);
create index evaluation_figure_totals_at on evaluation_figure_totals (dim, next_month, month);

-- what the fine rollups hold already is folded in by the first fold
insert into evaluation_event_deltas (day, counter, grid_code, department_id, actor_id, actor_role, n)
  select day, counter, grid_code, department_id, actor_id, actor_role, n from case_counts;
insert into evaluation_clock_deltas (day, clock, action, grid_code, source, department_id, actor_id, actor_role, reporter_id,
    dispatcher_id, cohort_day, n, done, on_time, files, dispatched, normal_close)
  select day, clock, action, grid_code, source, department_id, actor_id, actor_role, reporter_id, dispatcher_id, cohort_day,
    n, done, on_time, files, dispatched, normal_close from evaluation_clock_counts;
