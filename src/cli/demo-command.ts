// cityops demo [--force] — writes the demo city 云河市 (docs/demo-city.md).
import type { Command } from 'commander';
import { conflict } from '../platform/errors.ts';
import { withDatabase } from './main.ts';
import { createProgress } from './progress.ts';

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('生成示范城市“云河市”（行政区划、网格、部门、用户、部件、道路、地标）')
    .option('--force', '数据库已有数据时：先清空基础数据（行政区划、网格、部门、用户及其会话与 API 密钥、部件、地图）再生成，同一事务内完成')
    .action(async (opts: { force?: boolean }) => {
      const { generateDemoCity, isDatabaseEmpty, DEMO_PASSWORD } = await import('../demo/index.ts');
      await withDatabase(async (db) => {
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
      });
    });
}
