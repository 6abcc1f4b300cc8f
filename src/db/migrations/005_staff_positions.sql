-- 一张图: the last known position of each field worker (监督员), reported by the field app
-- (POST /api/me/position); one row per user, replaced on every report.
create table staff_positions (
  user_id bigint primary key references users(id) on delete cascade,
  lon double precision not null,             -- WGS84 (= CGCS2000)
  lat double precision not null,
  accuracy_m double precision,
  grid_code text,                            -- the unit grid the point lies in, null outside every grid
  reported_at timestamptz not null default now()
);
create index staff_positions_reported on staff_positions(reported_at desc);

-- Handle clocks finished in a time range (on-time rate per grid on the map, and evaluation later).
create index case_clocks_handle_done on case_clocks(stopped_at) where clock = 'handle' and outcome = 'done';
