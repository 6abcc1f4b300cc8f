import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { booleanPointInPolygon, point } from '@turf/turf';
import { loadCalendar } from '../../src/command/calendar-store.ts';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { generateDemoCity } from '../../src/demo/index.ts';
import { Staff } from '../../src/demo/history-case.ts';
import { scheduleHistory } from '../../src/demo/history-job.ts';
import { flushCounts, recomputedCounts, storedCounts } from '../../src/command/counts.ts';
import { historyRows, loadHistory, loadHistoryInputs } from '../../src/demo/history-load.ts';
import { HISTORY_END, HISTORY_START, planHistory } from '../../src/demo/history-plan.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

const TOTAL = 2000;

async function count(p: TestPlatform, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await p.db.maybeOne<{ n: number }>(sql, params))!.n);
}

describe('demo history (a year of cases)', () => {
  let p: TestPlatform;
  /** a case reported through the API while the history loads */
  let liveId = 0;
  /** the cases made live, not by the history: that report and the demo's confirmed alarm (monitor.demo-dispatch) */
  let live: number[] = [];
  let caseBase = 0;

  const report = async () => {
    const headers = await p.loginAs('collector_zx01');
    const g = await p.db.maybeOne<any>(`select lon, lat from cases where district_code = '379902' and kind = 'matter' order by id limit 1`);
    const res = await p.request({ method: 'POST', url: '/api/cases', headers,
      payload: { kind: 'matter', typeCode: '06010', position: { lon: g.lon, lat: g.lat }, description: '暴露垃圾' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return Number(res.body.id);
  };

  before(async () => {
    p = await startTestPlatform({ seed: (db) => generateDemoCity(db).then(() => undefined) });
    // the background path: chunks of 700 as jobs, each queueing the next; the server takes reports meanwhile
    await scheduleHistory(p.db, TOTAL, 700);
    caseBase = (await p.db.maybeOne<any>(`select value from settings where key = 'demo.history'`))!.value.caseBase;
    await p.ctx.jobs.tick();
    liveId = await report();
    for (let i = 0; i < 100; i++) {
      await p.ctx.jobs.tick();
      const s = await p.request({ method: 'GET', url: '/api/demo/status' });
      if (s.body.history.finished) break;
    }
    const dispatched = await p.db.query<{ case_id: number }>('select case_id from monitor_alarms where case_id is not null');
    assert.equal(dispatched.length, 1, 'the demo\'s confirmed alarm became a case');
    live = [liveId, ...dispatched.map((r) => Number(r.case_id))];
  });
  after(async () => { await p?.close(); });

  it('reports its progress publicly and is complete', async () => {
    const res = await p.request({ method: 'GET', url: '/api/demo/status' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { history: { done: TOTAL, total: TOTAL, finished: true } });
  });

  it('has the cases, one reporter each, timelines and clocks; a second load adds nothing', async () => {
    assert.equal(await count(p, 'select count(*)::int as n from cases'), TOTAL + live.length);
    assert.equal(await count(p, 'select count(*)::int as n from cases where id between $1 and $2', [caseBase + 1, caseBase + TOTAL]), TOTAL);
    assert.equal(await count(p, 'select count(*)::int as n from case_reporters'), TOTAL + live.length);
    assert.ok(await count(p, 'select count(*)::int as n from case_events') > TOTAL * 5);
    assert.ok(await count(p, 'select count(*)::int as n from case_clocks') > TOTAL * 4);
    assert.equal(await count(p, `select count(*)::int as n from cases c where not exists (
      select 1 from case_events e where e.case_id = c.id and e.action = 'report' and e.at = c.created_at)`), 0);
    const again = await loadHistory(p.db, { total: TOTAL });
    assert.equal(again.finished, true);
    assert.equal(await count(p, 'select count(*)::int as n from cases'), TOTAL + live.length);
  });

  it('added every timeline entry to the evaluation rollup while loading, equal to a recount from the raw history', async () => {
    // the history's entries were counted as they were written: nothing left for the counting job
    assert.equal(await count(p, `select count(*)::int as n from case_events e join cases c on c.id = e.case_id
      where not e.counted and c.created_at < '2026-11-01'`), 0);
    await flushCounts(p.db);   // cases reported meanwhile
    const stored = await storedCounts(p.db, '2025-10-01', '2026-11-30');
    assert.ok(stored.some((r) => r.counter === 'reported'));
    assert.deepEqual(stored, await recomputedCounts(p.db, '2025-10-01', '2026-11-30'));
    const reported = await p.db.maybeOne<{ n: number }>("select sum(n)::int as n from case_counts where counter = 'reported'");
    const cases = await p.db.maybeOne<{ n: number }>('select count(*)::int as n from cases');
    assert.ok(cases!.n >= TOTAL);
    assert.equal(reported!.n, cases!.n);
  });

  it('has photos: before on most reports, after on handled cases, each on its timeline entry and served as media', async () => {
    const phases = new Map((await p.db.query<{ phase: string; n: number }>(
      'select phase, count(*)::int as n from case_media group by phase')).map((r) => [r.phase, Number(r.n)]));
    assert.ok(phases.get('before')! > TOTAL * 0.5, `before photos: ${phases.get('before')}`);
    assert.ok(phases.get('after')! > TOTAL * 0.3, `after photos: ${phases.get('after')}`);
    assert.equal(await count(p, `select count(*)::int as n from case_media m left join media f on f.hash = m.hash where f.hash is null`), 0);
    assert.equal(await count(p, `select count(*)::int as n from case_media m where not exists (select 1 from case_events e
      where e.case_id = m.case_id and e.attachments @> jsonb_build_array(jsonb_build_object('hash', m.hash, 'phase', m.phase)))`), 0);
    const feedback = await p.db.maybeOne<{ attachments: any[] }>(
      "select attachments from case_events where action = 'handle_feedback' and attachments <> '[]' limit 1");
    assert.equal(feedback!.attachments[0].phase, 'after');
  });

  it('lies within the year before HISTORY_END', async () => {
    const r = await p.db.maybeOne<{ first: Date; last: Date }>('select min(created_at) as first, max(created_at) as last from cases where id <> all($1)', [live]);
    assert.ok(+new Date(r!.first) >= +HISTORY_START);
    assert.ok(+new Date(r!.last) < +HISTORY_END);
    // the history's own steps all lie before its end (the timer service may act after it)
    assert.equal(await count(p, `select count(*)::int as n from case_events where at >= $1 and actor_role <> 'system' and case_id <> all($2)`,
      [HISTORY_END.toISOString(), live]), 0);
  });

  it('puts every case inside its grid, community, street and district', async () => {
    const rows = await p.db.query<any>(
      `select c.lon, c.lat, c.grid_code, c.community_code, c.street_code, c.district_code, g.community_code as gc, g.geometry
       from cases c join unit_grids g on g.code = c.grid_code`);
    assert.equal(rows.length, TOTAL + live.length);
    for (const r of rows) {
      assert.equal(r.community_code, r.gc);
      assert.equal(r.street_code, r.gc.slice(0, 9));
      assert.equal(r.district_code, r.gc.slice(0, 6));
      assert.ok(booleanPointInPolygon(point([r.lon, r.lat]), r.geometry), `${r.lon},${r.lat} outside ${r.grid_code}`);
    }
    // component cases name a real component of their own type
    assert.equal(await count(p, `select count(*)::int as n from cases c join components m on m.id = c.component_id
      where m.type_code <> c.type_code`), 0);
    const share = await count(p, `select (100 * count(component_id) / count(*))::int as n from cases`);
    assert.ok(share >= 20 && share <= 45, `component share ${share} %`);
  });

  it('keeps stages, timelines and clocks consistent', async () => {
    // the stage is where the last stage-changing event left the case
    assert.equal(await count(p, `select count(*)::int as n from cases c where c.stage <> (
      select e.to_stage from case_events e where e.case_id = c.id and e.to_stage is not null order by e.at desc, e.id desc limit 1)`), 0);
    // closed cases have their close event at closed_at; terminal cases have no running clock
    assert.equal(await count(p, `select count(*)::int as n from cases c where c.stage = 'closed' and (c.closed_at is null or c.close_type is null
      or not exists (select 1 from case_events e where e.case_id = c.id and e.action = 'close' and e.at = c.closed_at))`), 0);
    assert.equal(await count(p, `select count(*)::int as n from cases c where c.stage in ('closed', 'voided', 'rejected')
      and exists (select 1 from case_clocks k where k.case_id = c.id and k.stopped_at is null)`), 0);
    assert.equal(await count(p, `select count(*)::int as n from cases where stage not in ('closed', 'voided', 'rejected') and closed_at is not null`), 0);
    // every open case has exactly one running clock; a 挂账 case's is paused (open pause, no deadline)
    assert.equal(await count(p, `select count(*)::int as n from cases c where c.closed_at is null
      and (select count(*) from case_clocks k where k.case_id = c.id and k.stopped_at is null) <> 1`), 0);
    const suspended = await p.db.query<any>(`select k.* from cases c join case_clocks k on k.case_id = c.id and k.stopped_at is null
      where c.stage = 'suspended'`);
    assert.ok(suspended.length > 0, 'some cases are still 挂账');
    for (const k of suspended) {
      assert.equal(k.clock, 'handle');
      assert.equal(k.deadline, null);
      assert.equal(k.pauses.at(-1).to, null);
    }
    // on_time follows the deadline for finished clocks
    assert.equal(await count(p, `select count(*)::int as n from case_clocks where outcome = 'done'
      and on_time is distinct from (deadline is null or stopped_at <= deadline)`), 0);
    // 超时: overdue cases were marked by the red light and closed as 超时结案
    assert.equal(await count(p, `select count(*)::int as n from cases where stage = 'closed' and overdue <> (close_type = 'overdue')`), 0);
    assert.equal(await count(p, `select count(*)::int as n from cases c where c.overdue and not exists (
      select 1 from case_events e where e.case_id = c.id and e.action = 'overdue')`), 0);
  });

  it('has the variants: overdue, returned, reworked, extended, suspended, voided, rejected, verified, self-handled, revisited, open', async () => {
    const actions = new Map((await p.db.query<{ action: string; n: number }>(
      'select action, count(*)::int as n from case_events group by action')).map((r) => [r.action, Number(r.n)]));
    for (const a of ['approve_return', 'deny_return', 'deny_extension', 'check_fail', 'approve_extension', 'approve_suspend', 'resume', 'void', 'reject', 'refuse_file',
      'verify', 'self_handle', 'supervise', 'overdue', 'revisit']) {
      assert.ok((actions.get(a) ?? 0) > 0, `no ${a} events`);
    }
    // 机器派单: cases routed by an automatic rule were dispatched by the system the moment they were filed
    assert.ok(await count(p, "select count(*)::int as n from case_events where action = 'dispatch' and actor_role = 'system'") > 0);
    assert.equal(await count(p, `select count(*)::int as n from case_events e join cases c on c.id = e.case_id
      where e.action = 'dispatch' and e.actor_role = 'system' and (c.routing->>'autoDispatch')::boolean is not true`), 0);
    const stages = new Map((await p.db.query<{ stage: string; n: number }>('select stage, count(*)::int as n from cases group by stage'))
      .map((r) => [r.stage, Number(r.n)]));
    assert.ok(stages.get('closed')! > TOTAL * 0.8, 'most cases are closed');
    for (const s of ['voided', 'rejected', 'suspended']) assert.ok((stages.get(s) ?? 0) > 0, `no ${s} cases`);
    const open = await count(p, `select count(*)::int as n from cases where closed_at is null and stage <> 'suspended'`);
    assert.ok(open > 0, 'the last days still have open cases');
    const onTime = await count(p, `select (100 * count(*) filter (where close_type = 'normal') / count(*))::int as n from cases where stage = 'closed'`);
    assert.ok(onTime >= 80 && onTime < 100, `closed on time ${onTime} %`);
    const sources = new Map((await p.db.query<{ source: string; n: number }>('select source, count(*)::int as n from cases group by source'))
      .map((r) => [r.source, Number(r.n)]));
    assert.ok(sources.get('collector')! / TOTAL > 0.5 && sources.get('collector')! / TOTAL < 0.7);
    for (const s of ['public', 'hotline', 'video_ai', 'iot']) assert.ok((sources.get(s) ?? 0) > 0, `no ${s} cases`);
    // dispatched to a department, the 权责清单's or the component's
    assert.equal(await count(p, `select count(*)::int as n from case_events e join cases c on c.id = e.case_id
      where e.action = 'dispatch' and not (e.details ? 'leadDepartmentId')`), 0);
  });

  it('shows the weekly pattern: collectors report more per working day than per rest day', async () => {
    const calendar = await loadCalendar(p.db);
    const rows = await p.db.query<{ at: Date }>(`select created_at as at from cases where source = 'collector'`);
    const perDay = new Map<number, number>();
    for (const r of rows) { const d = chinaDayIndex(new Date(r.at)); perDay.set(d, (perDay.get(d) ?? 0) + 1); }
    let work = 0; let workDays = 0; let rest = 0; let restDays = 0;
    for (let d = chinaDayIndex(HISTORY_START); d < chinaDayIndex(HISTORY_END); d++) {
      if (calendar.isWorkingDay(dayKey(d))) { work += perDay.get(d) ?? 0; workDays++; } else { rest += perDay.get(d) ?? 0; restDays++; }
    }
    assert.ok(work / workDays > 1.8 * (rest / restDays), `working ${(work / workDays).toFixed(2)} vs rest ${(rest / restDays).toFixed(2)}`);
  });

  it('plans seasonal and hourly patterns', async () => {
    const inputs = await loadHistoryInputs(p.db);
    const plan = planHistory(inputs, 30_000);
    const month = (ms: number) => Number(dayKey(chinaDayIndex(ms)).slice(5, 7));
    const hour = (ms: number) => new Date(ms + 8 * 3_600_000).getUTCHours();
    const of = (category: string) => plan.cases.filter((c) => c.category === category);
    const share = (cases: { at: number }[], test: (ms: number) => boolean) => cases.filter((c) => test(c.at)).length / cases.length;
    assert.ok(of('snow').length > 0 && of('snow').every((c) => [11, 12, 1, 2, 3].includes(month(c.at))), '道路积雪 only in winter');
    assert.ok(share(of('water'), (ms) => [6, 7, 8].includes(month(ms))) > 0.6, '道路积水 mostly in the rainy season');
    const garbage = of('garbage');
    const perMonth = (m: number) => garbage.filter((c) => month(c.at) === m).length;
    assert.ok(perMonth(7) > 1.4 * perMonth(1), `garbage July ${perMonth(7)} vs January ${perMonth(1)}`);
    assert.ok(share(of('vending'), (ms) => hour(ms) >= 17 && hour(ms) <= 22) > 0.4, 'vending in the evening');
    const collector = plan.cases.filter((c) => c.source === 'collector');
    assert.ok(share(collector, (ms) => hour(ms) >= 8 && hour(ms) < 18) > 0.85, 'collectors report in working hours');
    // every planned case number is unique and the counters hold the last of each year and district
    assert.equal(new Set(plan.cases.map((c) => c.caseNo)).size, plan.cases.length);
    for (const [key, last] of plan.counters) {
      const [year, district] = key.split(':');
      assert.ok(plan.cases.some((c) => c.caseNo === `${year}-${district}-${String(last).padStart(6, '0')}`));
    }
  });

  it('is deterministic: the same seed gives the same rows, another seed others', async () => {
    const hash = async (seed: number) => {
      const inputs = await loadHistoryInputs(p.db, seed);
      const plan = planHistory(inputs, 300);
      return createHash('sha256').update(JSON.stringify(historyRows(inputs, plan, new Staff(inputs.users), 0, 300, 0))).digest('hex');
    };
    const a = await hash(7);
    assert.equal(await hash(7), a);
    assert.notEqual(await hash(8), a);
  });

  it('gives cases reported during and after the load ids and numbers after the generated ones', async () => {
    for (const id of [liveId, await report()]) {
      assert.ok(id > caseBase + TOTAL, `id ${id} inside the reserved range`);
      const created = await p.db.maybeOne<{ case_no: string }>('select case_no from cases where id = $1', [id]);
      const [year, district, seq] = created!.case_no.split('-');
      const generated = await count(p, `select coalesce(max(split_part(case_no, '-', 3)::int), 0) as n from cases
        where id between $1 and $2 and case_no like $3`, [caseBase + 1, caseBase + TOTAL, `${year}-${district}-%`]);
      assert.ok(generated > 0 && Number(seq) > generated, `${created!.case_no} after ${generated}`);
      assert.equal(await count(p, 'select count(*)::int as n from cases where case_no = $1', [created!.case_no]), 1);
    }
  });
});
