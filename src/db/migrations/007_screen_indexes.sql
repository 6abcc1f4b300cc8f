-- 大屏: indexes for the big screen's periods (src/screen/). The live feed reads the timeline by time; the month's
-- 立案/派遣/处置/结案 read the timeline's steps by time, 应结案 its 立案 entries; the trends read cases by 结案 time;
-- 应处置 reads 处置 clocks by deadline; the open cases at an instant read clocks stopped after it (the running ones
-- have their own partial index in 003).
create index case_events_at on case_events(at);
create index case_events_steps on case_events(at) where action in ('file', 'accept', 'dispatch', 'handle_feedback', 'close');
create index case_events_filed on case_events(at) where action = 'file' or (action = 'accept' and to_stage = 'to_dispatch');
create index cases_closed on cases(closed_at) where stage = 'closed';
create index case_clocks_handle_deadline on case_clocks(deadline) where clock = 'handle';
create index case_clocks_stopped on case_clocks(stopped_at);
