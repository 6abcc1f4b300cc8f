-- 公众服务 (citizen portal) and 数据交换 (Open311 GeoReport v2, 12345 hotline): phone codes, rate-limit hits,
-- the public side of cases (channel, category, Open311 token, EXIF check), points ledger, public facilities,
-- shop-sign appointments (店招服务), hotline work orders and their result callbacks.

-- SMS verification codes (only a hash is kept).
create table public_phone_codes (
  id bigserial primary key,
  phone text not null,
  code_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  attempts integer not null default 0,
  used_at timestamptz
);
create index public_phone_codes_phone on public_phone_codes(phone, id desc);

-- Sliding-window rate limits shared by every app node: one row per counted hit.
create table public_rate_hits (
  bucket text not null,             -- e.g. 'report:ip:1.2.3.4', 'code:phone:13800001111'
  at timestamptz not null default now()
);
create index public_rate_hits_bucket on public_rate_hits(bucket, at);

-- Cases that came in through a public channel.
create table public_reports (
  case_id bigint primary key references cases(id),
  channel text not null check (channel in ('portal', 'open311')),
  category text,                                  -- the portal's public category
  user_id bigint references users(id),            -- the citizen with a verified phone; null when anonymous
  api_key_id bigint references api_keys(id),      -- the Open311 client
  token text unique,                              -- Open311 token
  attributes jsonb not null default '{}',         -- Open311 attribute values, 违建 details
  media_url text,                                 -- an Open311 client's own link to its photo
  facility_id bigint,                             -- reported from a facility's QR page
  exif_distance_m integer,                        -- photo's EXIF position to the reported point
  exif_flagged boolean not null default false,
  created_at timestamptz not null default now()
);
create index public_reports_user on public_reports(user_id) where user_id is not null;
create index public_reports_created on public_reports(created_at);

-- 积分: one row per change; a case earns its award once.
create table citizen_points (
  id bigserial primary key,
  user_id bigint not null references users(id),
  delta integer not null,
  reason text not null check (reason in ('report_filed', 'rating', 'redeem')),
  case_id bigint references cases(id),
  reward_key text,
  redeem_code text unique,
  created_at timestamptz not null default now()
);
create unique index citizen_points_once on citizen_points(user_id, case_id, reason) where case_id is not null;
create index citizen_points_user on citizen_points(user_id, id desc);

-- 便民设施: 公厕, 便民服务点, 建筑垃圾转运点, 停车场 — each with a QR code page (一码惠民).
create table facilities (
  id bigserial primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9_-]{4,40}$'),   -- in the QR code's URL
  kind text not null check (kind in ('toilet', 'service_point', 'muck_transfer', 'parking')),
  name text not null,
  lon double precision not null,
  lat double precision not null,
  address text,
  opening_hours text not null default '00:00-24:00',   -- 'HH:MM-HH:MM' (several separated by ',')
  phone text,
  details jsonb not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index facilities_kind on facilities(kind) where active;

-- 店招服务: a shop asks for sign guidance, an officer makes an appointment and records the visit.
create table sign_requests (
  id bigserial primary key,
  ref_no text not null unique,
  shop_name text not null,
  contact_name text not null,
  phone text not null,
  address text not null,
  lon double precision,
  lat double precision,
  district_code text,
  request text not null,
  preferred_date date,
  status text not null default 'requested' check (status in ('requested', 'scheduled', 'visited', 'cancelled')),
  appointment_at timestamptz,
  officer_user_id bigint references users(id),
  visit_notes text,
  visit_photos jsonb not null default '[]',
  visited_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sign_requests_status on sign_requests(status, id desc);

-- 12345 热线: work orders; 转办 ones become cases, 当即办理 ones are recorded for the statistics.
create table hotline_orders (
  id bigserial primary key,
  hotline_id text not null unique,                 -- the hotline's own work-order number
  mode text not null check (mode in ('transfer', 'immediate')),
  case_id bigint references cases(id),
  caller_name text,
  caller_phone text,
  content text not null,
  received_at timestamptz not null default now(),
  due_at timestamptz,                              -- the hotline's 办结时限
  api_key_id bigint references api_keys(id),
  callback_status text not null default 'none' check (callback_status in ('none', 'pending', 'sent', 'failed')),
  callback_at timestamptz,
  result jsonb
);
create index hotline_orders_received on hotline_orders(received_at);
create index hotline_orders_case on hotline_orders(case_id) where case_id is not null;

create table hotline_callbacks (
  id bigserial primary key,
  order_id bigint not null references hotline_orders(id),
  attempt integer not null,
  at timestamptz not null default now(),
  url text not null,
  status_code integer,
  ok boolean not null,
  error text
);
create index hotline_callbacks_order on hotline_callbacks(order_id, id);
