// 积分: a citizen earns points when a report is filed (立案, i.e. it reached dispatch) and when rating a result
// (回访); points are redeemed for rewards. The ledger has one row per change; awards are written when the
// citizen looks (idempotent by a unique key), so no job has to follow every case.
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/types.ts';
import { badRequest, conflict } from '../platform/errors.ts';
import type { PointsView, Redemption, Reward } from './views.ts';

export const POINTS = { reportFiled: 10, rating: 2 } as const;

export const REWARDS: readonly Reward[] = [
  { key: 'bus_ride', name: '公交乘车券 1 次', cost: 20 },
  { key: 'eco_bag', name: '环保购物袋', cost: 30 },
  { key: 'park_pass', name: '公园游览年票 5 折券', cost: 100 },
];

const FILED_STAGES = ['to_dispatch', 'to_dispatch_2', 'handling'];

/** Writes the awards the citizen's filed reports have earned and not yet received. */
export async function syncAwards(q: Queryable, userId: number): Promise<void> {
  await q.query(
    `insert into citizen_points (user_id, delta, reason, case_id)
     select distinct $1::bigint, $2::int, 'report_filed', r.case_id from case_reporters r
     where r.user_id = $1 and exists (select 1 from case_events e where e.case_id = r.case_id and e.to_stage = any($3))
     on conflict do nothing`, [userId, POINTS.reportFiled, FILED_STAGES]);
}

export async function awardRating(q: Queryable, userId: number, caseId: number): Promise<void> {
  await q.query(`insert into citizen_points (user_id, delta, reason, case_id) values ($1, $2, 'rating', $3) on conflict do nothing`,
    [userId, POINTS.rating, caseId]);
}

async function balance(q: Queryable, userId: number): Promise<number> {
  const row = await q.maybeOne<{ n: number }>('select coalesce(sum(delta), 0)::int as n from citizen_points where user_id = $1', [userId]);
  return Number(row!.n);
}

export async function pointsOf(db: Db, userId: number): Promise<PointsView> {
  await syncAwards(db, userId);
  const rows = await db.query<any>(
    `select p.id, p.delta, p.reason, p.reward_key, p.redeem_code, p.created_at, c.case_no
     from citizen_points p left join cases c on c.id = p.case_id where p.user_id = $1 order by p.id desc limit 200`, [userId]);
  return {
    balance: await balance(db, userId),
    ledger: rows.map((r) => ({ id: Number(r.id), delta: Number(r.delta), reason: r.reason, caseNo: r.case_no ?? null,
      reward: r.reward_key ? REWARDS.find((w) => w.key === r.reward_key)?.name ?? r.reward_key : null, redeemCode: r.redeem_code ?? null,
      at: new Date(r.created_at).toISOString() })),
    rewards: REWARDS,
  };
}

/** Redeems a reward: the balance is checked with the citizen's row locked, so two redemptions cannot overspend. */
export async function redeem(db: Db, userId: number, rewardKey: string): Promise<Redemption> {
  const reward = REWARDS.find((r) => r.key === rewardKey);
  if (!reward) throw badRequest('UNKNOWN_REWARD', `没有该兑换项目：${rewardKey}`);
  await syncAwards(db, userId);
  return db.transaction(async (tx) => {
    await tx.query('select id from users where id = $1 for update', [userId]);
    const have = await balance(tx, userId);
    if (have < reward.cost) throw conflict('POINTS_NOT_ENOUGH', `积分不足：需要 ${reward.cost} 分，当前 ${have} 分`);
    const code = randomBytes(6).toString('hex').toUpperCase();
    await tx.query(`insert into citizen_points (user_id, delta, reason, reward_key, redeem_code) values ($1, $2, 'redeem', $3, $4)`,
      [userId, -reward.cost, reward.key, code]);
    return { redeemCode: code, balance: have - reward.cost };
  });
}
