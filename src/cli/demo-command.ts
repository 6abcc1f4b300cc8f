// cityops demo [--force] [--history-only] [--no-history] [--history-cases N] — writes the demo city 云河市 and its
// year of case history (docs/demo-city.md).
import type { Command } from 'commander';
import type { Db } from '../db/types.ts';
import { badRequest, conflict } from '../platform/errors.ts';
import { withDatabase } from './main.ts';
import { createProgress } from './progress.ts';

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('生成示范城市“云河市”（行政区划、网格、部门、用户、部件、道路、地标）及一年的历史案件')
    .option('--force', '数据库已有数据时：先清空基础数据（行政区划、网格、部门、用户及其会话与 API 密钥、部件、地图）再生成，同一事务内完成')
    .option('--history-only', '只生成历史案件（示范城市须已存在；中断后再次运行会接着生成）')
    .option('--no-history', '不生成历史案件')
    .option('--history-cases <n>', '历史案件数', '200000')
    .action(async (opts: { force?: boolean; historyOnly?: boolean; history: boolean; historyCases: string }) => {
      const { generateDemoCity, isDatabaseEmpty, DEMO_PASSWORD } = await import('../demo/index.ts');
      const historyCases = Number(opts.historyCases);
      if (!/^[0-9]+$/.test(opts.historyCases) || historyCases < 1) {
        throw badRequest('INVALID_INPUT', `历史案件数必须是正整数: ${opts.historyCases}`);
      }
      await withDatabase(async (db) => {
        if (opts.historyOnly) {
          await writeHistory(db, historyCases);
          return;
        }
        if (!opts.force && !(await isDatabaseEmpty(db))) {
          throw conflict('DEMO_DATA_EXISTS',
            '数据库中已有行政区划数据，未生成示范城市。如要清空现有基础数据（包括用户）并改为示范城市，请使用 cityops demo --force');
        }
        const progress = createProgress();
        let step = '';
        const started = performance.now();
        let counts;
        try {
          counts = await generateDemoCity(db, {
            replace: Boolean(opts.force),
            onProgress: (label, done, total) => {
              if (label !== step) { progress.start(label, total); step = label; }
              progress.update(done);
            },
          });
        } finally {
          progress.stop();
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`示范城市“云河市”已生成（用时 ${seconds} 秒）：${counts.districts} 个区、${counts.streets} 个街道、`
          + `${counts.communities} 个社区、${counts.unitGrids} 个单元网格、${counts.responsibilityGrids} 个责任网格、`
          + `${counts.departments} 个部门、${counts.users} 个用户、${counts.components} 个部件（${counts.componentTypes} 类）、`
          + `${counts.roads} 条道路、${counts.landmarks} 个地标`);
        console.log(`所有示范账号的密码均为 ${DEMO_PASSWORD}，例如 admin、dispatcher、collector_zx01、handler_shizheng；完整列表见 docs/demo-city.md`);
        if (opts.history) {
          if (opts.force) await forgetHistory(db);
          await writeHistory(db, historyCases);
        }
      });
    });
}

/** The recorded history belonged to the city --force just replaced (its cases went with it). */
async function forgetHistory(db: Db): Promise<void> {
  const { HISTORY_KEY } = await import('../demo/history-load.ts');
  await db.query('delete from settings where key = $1', [HISTORY_KEY]);
}

async function writeHistory(db: Db, total: number): Promise<void> {
  const { historyProgress, loadHistory } = await import('../demo/history-load.ts');
  const { HISTORY_START, HISTORY_END } = await import('../demo/history-plan.ts');
  const { formatChinaTime } = await import('../command/rules/china-time.ts');
  const recorded = await historyProgress(db);
  if (recorded?.finished) {
    console.log(`历史案件已存在（${recorded.total} 件），未重复生成`);
    return;
  }
  if (recorded && recorded.total !== total) console.log(`接着生成已登记的 ${recorded.total} 件历史案件（已完成 ${recorded.done} 件）`);
  const progress = createProgress();
  const started = performance.now();
  let p;
  try {
    progress.start('历史案件', recorded?.total ?? total);
    p = await loadHistory(db, { total, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`历史案件已生成：${p.total} 件（北京时间 ${formatChinaTime(HISTORY_START)} 至 ${formatChinaTime(HISTORY_END)}，`
    + `用时 ${seconds.toFixed(1)} 秒）`);
}
