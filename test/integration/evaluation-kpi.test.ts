// 综合评价 on a demo city with a few thousand history cases plus cases moved live through the API: the clock rollup
// equals a recount from raw history, every figure of every table equals the same figure summed from raw history for
// periods of whole months, partial months and both (monthly totals plus daily edges) in several data scopes, handle and 结案 figures match an independent recount in TypeScript, the API answers within the data
// scope, drills down to the cases, exports, and scores change when an administrator changes a weight.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { flushCounts } from '../../src/command/counts.ts';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { generateDemoCity } from '../../src/demo/index.ts';
import { loadHistory } from '../../src/demo/history-load.ts';
import { flushClockCounts, pendingClocks, recomputedClockCounts, storedClockCounts } from '../../src/evaluation/clock-counts.ts';
import { splitPeriod, sumFigures } from '../../src/evaluation/figures-sql.ts';
import { deltasPending, foldTotals } from '../../src/evaluation/totals.ts';
import { POSITIONS, REGION_LEVELS, type EvaluatedObject } from '../../src/evaluation/objects.ts';
import { periodOf, type Period } from '../../src/evaluation/rules/periods.ts';
import { Rng } from '../../src/demo/random.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

const TOTAL = 2500;

const OBJECTS: EvaluatedObject[] = [
  ...REGION_LEVELS.map((level): EvaluatedObject => ({ kind: 'region', level })),
  { kind: 'department' },
  ...POSITIONS.map((role): EvaluatedObject => ({ kind: 'position', role })),
];

function period(from: string, to: string): Period {
  const r = periodOf('custom', undefined, from, to);
  assert.ok(r.ok);
  return r.period;
}

describe('evaluation KPIs (rollup versus raw history)', () => {
  let p: TestPlatform;

  let live = 0;
  /** Takes an allowed action on the last case in `stage` (if the history left one open) as `username`. */
  async function act(stage: string, username: string, action: string, body: object = {}): Promise<void> {
    const c = await p.db.maybeOne<any>(`select id, version from cases where stage = $1 order by id desc limit 1`, [stage]);
    if (!c) return;
    live++;
    const res = await p.request({ method: 'POST', url: `/api/cases/${c.id}/actions/${action}`, headers: await p.loginAs(username),
      payload: { version: c.version, ...body } });
    assert.ok(res.status < 300, `${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  before(async () => {
    p = await startTestPlatform({ seed: async (db) => { await generateDemoCity(db); await loadHistory(db, { total: TOTAL }); } });
    // the history's clocks are waiting for the evaluation job: let part of them in, then move cases live
    await p.db.transaction(async (tx) => { await (await import('../../src/evaluation/clock-counts.ts')).evaluateStoppedClocks(tx, 3000); });
    // fold those into the monthly totals now, so the live actions below are folded into existing series
    assert.equal(await foldTotals(p.db), true);
    const lead = await p.db.maybeOne<any>(`select id from departments order by id limit 1`);
    await act('to_close', 'shift_leader', 'close');
    await act('to_dispatch', 'dispatcher', 'dispatch', { leadDepartmentId: Number(lead.id) });
    await act('reported', 'acceptor', 'reject', { opinion: '不属于受理范围', rejectReason: 'out_of_scope' });
    await act('extension_review', 'dispatcher', 'approve_extension');
    const checking = await p.db.maybeOne<any>(`select c.id, c.version, u.username from cases c join users u on u.id = c.assignee_user_id
      where c.stage = 'checking' order by c.id limit 1`);
    if (checking) {
      live++;
      const res = await p.request({ method: 'POST', url: `/api/cases/${checking.id}/actions/check_fail`,
        headers: await p.loginAs(checking.username), payload: { version: checking.version, opinion: '未整改到位' } });
      assert.equal(res.status < 300, true, JSON.stringify(res.body));
    }
    // and a new report, accepted at once
    const g = await p.db.maybeOne<any>(`select lon, lat from cases where district_code = '379902' and kind = 'matter' order by id limit 1`);
    const reported = await p.request({ method: 'POST', url: '/api/cases', headers: await p.loginAs('collector_zx01'),
      payload: { kind: 'matter', typeCode: '06010', position: { lon: g.lon, lat: g.lat }, description: '暴露垃圾' } });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    await act('reported', 'acceptor', 'accept');
    assert.ok(live >= 3, `only ${live} live actions`);
    await flushCounts(p.db);
    assert.equal(await flushClockCounts(p.db), 0);
    assert.equal(await deltasPending(p.db), true);
    assert.equal(await foldTotals(p.db), true);
  });
  after(async () => { await p?.close(); });

  it('keeps the clock rollup equal to a recount from raw history, with every clock in it once', async () => {
    assert.equal(await pendingClocks(p.db), 0);
    const stored = await storedClockCounts(p.db, '2025-01-01', '2027-12-31');
    assert.ok(stored.length > 100);
    assert.deepEqual(stored, await recomputedClockCounts(p.db, '2025-01-01', '2027-12-31'));
    const clocks = await p.db.maybeOne<any>('select count(*)::int as n from case_clocks where stopped_at is not null');
    assert.equal(stored.reduce((a, r) => a + Number(r.n), 0), clocks.n);
  });

  it('gives every figure of every table the value summed from raw history, for random periods', async () => {
    const rng = new Rng(2026);
    const first = chinaDayIndex(new Date('2025-11-01T00:00:00+08:00'));
    const today = chinaDayIndex(new Date());
    // whole months only, whole months with partial edges on either side, within one month, and the live days
    const periods = [period('2025-11-01', dayKey(today)), period(dayKey(today - 1), dayKey(today)), period('2025-11-01', '2026-10-31'),
      period('2026-01-01', '2026-03-31'), period('2025-11-15', '2026-02-10'), period('2026-03-31', '2026-05-01'),
      period('2026-04-03', '2026-04-27')];
    for (let i = 0; i < 2; i++) {
      const a = first + rng.int(0, today - first);
      periods.push(period(dayKey(a), dayKey(Math.min(today, a + rng.int(0, 90)))));
    }
    assert.ok(periods.filter((per) => splitPeriod(per).months && splitPeriod(per).edges.length > 0).length >= 3);
    assert.equal(await deltasPending(p.db), false);   // so whole months are read from the monthly totals
    const street = (await p.db.maybeOne<any>(`select code from divisions where level = 'street' and code like '379902%' order by code limit 1`)).code;
    const community = (await p.db.maybeOne<any>(`select code from divisions where level = 'community' and code like $1 order by code limit 1`,
      [`${street}%`])).code;
    const scopes: (readonly string[] | 'all')[] = ['all', ['379902'], [street, '379904'], [community]];
    let nonZero = 0;
    for (const [i, per] of periods.entries()) {
      // every period in the whole city; the year and one with edges on both sides in narrower scopes too
      for (const scope of [2, 4].includes(i) ? scopes : scopes.slice(0, 1)) {
        for (const o of OBJECTS) {
          const fast = await sumFigures(p.db, o, per, scope, 'rollup');
          const raw = await sumFigures(p.db, o, per, scope, 'raw');
          const sorted = (m: Map<string, object>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
          assert.deepEqual(sorted(fast), sorted(raw), `${JSON.stringify(o)} ${per.from}..${per.to} ${JSON.stringify(scope)}`);
          for (const f of fast.values()) nonZero += Object.values(f).filter((v) => v > 0).length;
        }
      }
    }
    assert.ok(nonZero > 1000);
  });

  it('keeps the monthly totals equal to the daily rollup summed by month, one row per series and month', async () => {
    const daily = await p.db.query<any>(`select left(grid_code, 6) as district, date_trunc('month', day)::date::text as month,
      sum(n) filter (where counter = 'filed')::int as filed from case_counts group by 1, 2 having sum(n) filter (where counter = 'filed') > 0
      order by 1, 2`);
    const monthly = await p.db.query<any>(`select left(key, 6) as district, month::text as month,
      sum("filed" - coalesce((select "filed" from evaluation_figure_totals p where p.dim = t.dim and p.key = t.key and p.role = t.role
        and p.community = t.community and p.next_month = t.month), 0))::int as filed
      from evaluation_figure_totals t where dim = 'grid' group by 1, 2 having sum("filed" - coalesce((select "filed" from evaluation_figure_totals p
        where p.dim = t.dim and p.key = t.key and p.role = t.role and p.community = t.community and p.next_month = t.month), 0)) > 0 order by 1, 2`);
    assert.ok(daily.length > 10);
    assert.deepEqual(monthly, daily);
    const gaps = await p.db.maybeOne<any>(`select count(*)::int as n from evaluation_figure_totals t where next_month <> 'infinity'
      and not exists (select 1 from evaluation_figure_totals n where n.dim = t.dim and n.key = t.key and n.role = t.role
        and n.community = t.community and n.month = t.next_month)`);
    assert.equal(gaps.n, 0);
  });

  it('agrees with an independent recount of 处置 and the 结案 cohort from the clocks', async () => {
    const per = period('2026-03-01', '2026-05-31');
    const clocks = await p.db.query<any>(`select k.case_id, k.clock, k.stopped_at, k.outcome, k.on_time, c.grid_code, c.close_type,
      (select e.action from case_events e where e.case_id = k.case_id and e.at = k.stopped_at order by e.id limit 1) as action
      from case_clocks k join cases c on c.id = k.case_id where k.stopped_at is not null order by k.case_id, k.stopped_at, k.id`);
    const dayOf = (d: Date) => dayKey(chinaDayIndex(d));
    const inP = (d: string) => d >= per.from && d <= per.to;
    const want = new Map<string, { toHandle: number; handled: number; handledOnTime: number; closedOfDue: number; reworked: number }>();
    const of = (grid: string) => {
      const k = grid.slice(0, 6);
      if (!want.has(k)) want.set(k, { toHandle: 0, handled: 0, handledOnTime: 0, closedOfDue: 0, reworked: 0 });
      return want.get(k)!;
    };
    const lastHandled = new Map<number, string>();
    for (const k of clocks) {
      const day = dayOf(k.stopped_at);
      if (k.clock === 'handle') {
        if (inP(day)) {
          const w = of(k.grid_code);
          w.toHandle++;
          if (k.outcome === 'done') w.handled++;
          if (k.on_time) w.handledOnTime++;
        }
        if (k.outcome === 'done') lastHandled.set(k.case_id, day);
      }
      const cohort = lastHandled.get(k.case_id);
      if (cohort && inP(cohort) && ((k.clock === 'close' && k.action === 'close') || (k.clock === 'check' && k.action === 'check_fail'))) {
        if (k.clock === 'close') of(k.grid_code).closedOfDue++;
        else of(k.grid_code).reworked++;
      }
    }
    const got = await sumFigures(p.db, { kind: 'region', level: 'district' }, per, 'all');
    for (const [district, w] of want) {
      const g = got.get(district)!;
      assert.deepEqual({ toHandle: g.toHandle, handled: g.handled, handledOnTime: g.handledOnTime, closedOfDue: g.closedOfDue,
        reworked: g.reworked }, w, district);
    }
    assert.ok([...want.values()].some((w) => w.closedOfDue > 0 && w.handled > 0));
  });

  it('serves the tables to leaders within their district, drills down to the cases and exports', async () => {
    const leader = await p.loginAs('leader');
    const q = 'period=month&date=2026-10-15';
    const res = await p.request({ method: 'GET', url: `/api/evaluation/table?object=region&level=district&${q}`, headers: leader });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.rows.length, 4);
    assert.deepEqual(res.body.period, { kind: 'month', from: '2026-10-01', to: '2026-10-31', label: '2026年10月' });
    assert.ok(res.body.rows.every((r: any) => /^[A-E]$/.test(r.grade) && r.rank >= 1));
    const top = res.body.rows[0];
    assert.ok(top.figures.filed > 0);
    for (const figure of ['filed', 'closedOfDue', 'toHandle', 'reported']) {
      const d = await p.request({ method: 'GET', headers: leader,
        url: `/api/evaluation/cases?object=region&level=district&${q}&figure=${figure}&key=${top.key}&pageSize=5` });
      assert.equal(d.status, 200, JSON.stringify(d.body));
      if (figure === 'toHandle') assert.ok(d.body.total > 0 && d.body.total <= top.figures.toHandle);
      else assert.equal(d.body.total, top.figures[figure], figure);
      assert.ok(d.body.items.every((i: any) => i.districtCode === top.key));
    }
    const district = await p.loginAs('leader_zx');
    const mine = await p.request({ method: 'GET', url: `/api/evaluation/table?object=region&level=street&${q}`, headers: district });
    assert.equal(mine.status, 200);
    assert.ok(mine.body.rows.length > 0 && mine.body.rows.every((r: any) => r.key.startsWith('379902')));
    const other = await p.request({ method: 'GET', headers: district,
      url: `/api/evaluation/cases?object=region&level=district&${q}&figure=filed&key=379903` });
    assert.equal(other.body.total, 0);
    for (const object of ['department', 'position&role=collector', 'position&role=dispatcher', 'position&role=shift_leader', 'position&role=acceptor']) {
      const t = await p.request({ method: 'GET', url: `/api/evaluation/table?object=${object}&${q}`, headers: leader });
      assert.equal(t.status, 200, JSON.stringify(t.body));
      assert.ok(t.body.rows.some((r: any) => r.score !== null), object);
    }
    const xlsx = await p.request({ method: 'GET', url: `/api/evaluation/export?object=region&level=district&${q}&format=xlsx`, headers: leader });
    assert.equal(xlsx.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await p.app.inject({ method: 'GET', url: `/api/evaluation/export?object=region&level=district&${q}&format=xlsx`,
      headers: leader })).rawPayload as any);
    assert.equal(book.worksheets[0].getRow(2).getCell(1).value, '排名');
    assert.equal(book.worksheets[0].rowCount, 2 + 4);
    const csv = await p.request({ method: 'GET', url: `/api/evaluation/export?object=department&${q}&format=csv`, headers: leader });
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const bad = await p.request({ method: 'GET', url: '/api/evaluation/table?object=region&period=custom&from=2026-10-05&to=2026-10-01', headers: leader });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'INVALID_PERIOD');
    const citizen = await p.loginAs('citizen01');
    assert.equal((await p.request({ method: 'GET', url: `/api/evaluation/table?object=region&${q}`, headers: citizen })).status, 403);
  });

  it('lets administrators change weights with history, and the scores follow', async () => {
    const admin = await p.loginAs('admin');
    const leader = await p.loginAs('leader');
    const url = '/api/evaluation/table?object=region&level=district&period=month&date=2026-10-15';
    const before = (await p.request({ method: 'GET', url, headers: leader })).body.rows;
    const s = await p.request({ method: 'GET', url: '/api/evaluation/scoring', headers: leader });
    assert.equal(s.body.isDefault, true);
    const config = structuredClone(s.body.config);
    assert.deepEqual(config.objects.region.indicators.map((i: any) => i.weight), [10, 20, 30, 40]);
    config.objects.region.indicators = [{ kind: 'rate', rate: 'onTimeClosureRate', invert: false, weight: 100 }];
    assert.equal((await p.request({ method: 'PUT', url: '/api/evaluation/scoring', headers: leader, payload: config })).status, 403);
    const wrong = structuredClone(config);
    wrong.objects.region.indicators[0].weight = 90;
    const refused = await p.request({ method: 'PUT', url: '/api/evaluation/scoring', headers: admin, payload: wrong });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'INVALID_SCORING');
    const saved = await p.request({ method: 'PUT', url: '/api/evaluation/scoring', headers: admin, payload: config });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const after = (await p.request({ method: 'GET', url, headers: leader })).body.rows;
    for (const r of after) {
      const rate = r.rates.onTimeClosureRate;
      assert.equal(r.score, rate === null ? null : Math.round(rate * 1000) / 10);
    }
    assert.notDeepEqual(after.map((r: any) => r.score), before.map((r: any) => r.score));
    const history = await p.request({ method: 'GET', url: '/api/evaluation/scoring/history', headers: admin });
    assert.equal(history.body.items.length, 1);
    assert.equal(history.body.items[0].changedByName !== null, true);
    const audit = await p.db.maybeOne<any>(`select count(*)::int as n from audit_log where action = 'evaluation.scoring'`);
    assert.equal(audit.n, 1);
  });
});
