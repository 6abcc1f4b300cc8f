-- 评价计数: a daily rollup of the case loop's evaluation counters, kept from the timeline a few seconds behind it (for
-- intake, actions, timers and bulk history loads alike), so it can always be recomputed from case_events.
-- case_count_rules mirrors COUNT_RULES in src/command/rules/outcome.ts (the platform rewrites it at start).

create table case_count_rules (
  action text not null,
  to_stage text not null default '',        -- '' = whatever stage the action leads to
  counter text not null,
  primary key (action, to_stage, counter)
);

create table case_counts (
  day date not null,                        -- China date of the timeline entry
  counter text not null,
  grid_code text not null,                  -- region dimensions are prefixes of the 15-digit grid code
  kind text not null,
  type_code text not null,
  department_id bigint not null,            -- the actor's department (0: none, e.g. centre staff)
  actor_id bigint not null,                 -- 0: the system or a machine client
  actor_role text not null,
  n integer not null,
  primary key (day, counter, grid_code, kind, type_code, department_id, actor_id, actor_role)
);
create index case_counts_actor on case_counts(actor_id, day) where actor_id <> 0;
create index case_counts_department on case_counts(department_id, day) where department_id <> 0;

-- Timeline entries not yet added to the rollup. The counting job (src/command/counts.ts) takes them in batches with
-- SKIP LOCKED, adds them to case_counts and marks them, in one statement; readers flush it first to be exact.
alter table case_events add column counted boolean not null default false;
create index case_events_uncounted on case_events(id) where not counted;
