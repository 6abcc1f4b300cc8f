// Demo data for the 城市管理指数: 实地考察 scores and 问卷调查 results of every district for each year the demo case
// history spans (2025 and 2026), fixed numbers (no randomness) with 中心区 ahead and 港湾区 behind, for the default
// tree's inspection and questionnaire indicators. The platform indicators come from the history itself.
import type { Queryable } from '../../db/types.ts';
import { chinaDayIndex, dayKey } from '../../command/rules/china-time.ts';
import { HISTORY_END, HISTORY_START } from '../../demo/history-plan.ts';
import { DEFAULT_TREE } from './rules.ts';

/** Each district's level (by order of code) and each indicator's spread around it. */
const DISTRICT_BASE = [90, 84, 78, 66];
const SPREAD = [3, -4, 6, -7, 1, -2, 5, -5];

export async function seedCityIndexDemo(tx: Queryable): Promise<void> {
  const districts = await tx.query<{ code: string }>(`select code from divisions where level = 'district' order by code`);
  const indicators = DEFAULT_TREE.dimensions.flatMap((d) => d.indicators);
  const first = Number(dayKey(chinaDayIndex(HISTORY_START)).slice(0, 4));
  const last = Number(dayKey(chinaDayIndex(+HISTORY_END - 1)).slice(0, 4));
  for (let year = first; year <= last; year++) {
    const better = (year - first) * 2;   // the later year a little better
    for (const [d, { code }] of districts.entries()) {
      const base = DISTRICT_BASE[d % DISTRICT_BASE.length] + better;
      for (const [k, i] of indicators.entries()) {
        const value = Math.min(99, Math.max(40, base + SPREAD[(k + d) % SPREAD.length]));
        if (i.source.kind === 'inspection') {
          await tx.query(`insert into city_index_inspections (year, region_code, indicator_key, score, note) values ($1, $2, $3, $4, '示范数据')
            on conflict do nothing`, [year, code, i.key, value]);
        } else if (i.source.kind === 'questionnaire') {
          await tx.query(`insert into city_index_questionnaires (year, region_code, indicator_key, sample_size, satisfaction) values ($1, $2, $3, $4, $5)
            on conflict do nothing`, [year, code, i.key, 400 + 50 * d + 10 * k, value + 0.5]);
        }
      }
    }
  }
}
