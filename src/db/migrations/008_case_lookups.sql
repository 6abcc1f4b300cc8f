-- 案件检索 and open cases: the Chinese characters of a case's description and address as an array with a GIN index, so a search
-- box query (e.g. 井盖) narrows 200,000 cases by index before the exact substring check. Han characters are
-- indexed one by one (no word segmentation needed for substring search); queries without any fall back to a scan.

create function case_search_tokens(body text) returns text[] language sql immutable parallel safe as $$
  select coalesce(array_agg(distinct m[1]), '{}') from regexp_matches(coalesce(body, ''), '([一-鿿])', 'g') as m
$$;

alter table cases add column search_tokens text[] generated always as (case_search_tokens(description || ' ' || address)) stored;
create index cases_search on cases using gin (search_tokens);

-- 未办结案件: the work queues, the map's open cases and the big screen all look at the few thousand open cases
create index cases_open on cases(grid_code) where closed_at is null;
