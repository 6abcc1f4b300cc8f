-- Idempotency-Key of case actions (POST /api/cases/:id/actions/:action): an action sent again with the same key by the
-- same actor — a field app retrying after a lost answer — finds the first one instead of acting twice or failing on
-- the case's version. Kept with the case; a key is the sender's own (actor: 'user:<id>', 'api_key:<id>').
create table case_action_keys (
  actor text not null,
  key text not null,
  case_id bigint not null references cases(id) on delete cascade,
  action text not null,
  version integer,                 -- the case's version after the action (null only inside the acting transaction)
  created_at timestamptz not null default now(),
  primary key (actor, key)
);
create index case_action_keys_case on case_action_keys (case_id);
