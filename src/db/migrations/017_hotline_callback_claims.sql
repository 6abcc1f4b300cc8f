-- 12345 热线办结反馈: an attempt is claimed (state 'sending') and committed before the HTTP call, and its outcome is
-- recorded in a second short transaction ('done'); a claim left 'sending' by a node that died is closed as interrupted
-- by the guard run of the same job. The sweep looks for orders whose case ended without a feedback under way.
alter table hotline_callbacks add column state text not null default 'done' check (state in ('sending', 'done'));
create index hotline_callbacks_sending on hotline_callbacks(order_id) where state = 'sending';
create index hotline_orders_open_callback on hotline_orders(case_id) where case_id is not null and callback_status in ('none', 'pending');
