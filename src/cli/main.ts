// The `cityops` command.
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../platform/prepare.ts';
import { openDatabase } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import { AppError } from '../platform/errors.ts';
import { serve } from '../platform/runtime.ts';
import { registerBaseCommands } from './base-commands.ts';
import { registerDemoCommand } from './demo-command.ts';
import { createProgress } from './progress.ts';
import { registerApiKeyCommands } from './apikey-commands.ts';
import { registerSimulateCommand } from './simulate-command.ts';
import { registerUserCommands } from './user-commands.ts';

/** Opens the configured database, migrated, runs fn, closes. */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig());
  try {
    await prepareDatabase(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const program = new Command('cityops')
  .description('CityOps 城市运行管理服务平台')
  .showHelpAfterError();

program.command('serve')
  .description('启动平台（网页控制台与接口）；空数据库时自动生成示范城市')
  .option('-p, --port <port>', '端口（默认 PORT 或 8080）')
  .option('--no-demo', '空数据库时不生成示范城市')
  .action(async (opts) => {
    const config = loadConfig({
      ...(opts.port ? { port: Number(opts.port) } : {}),
      ...(opts.demo === false ? { demoOnEmpty: false } : {}),
    });
    const platform = await serve(config);
    platform.ctx.log.info(`CityOps ready on http://localhost:${config.port} (database: ${platform.ctx.db.kind})`);
  });

program.command('migrate')
  .description('应用数据库迁移')
  .action(async () => {
    await withDatabase(async (db) => {
      const applied = await prepareDatabase(db, (m) => console.log(`applied ${String(m.version).padStart(3, '0')}_${m.name}`));
      console.log(applied.length ? `${applied.length} migration(s) applied` : 'schema is up to date');
    });
  });

const auditCmd = program.command('audit').description('审计日志');
auditCmd.command('verify')
  .description('校验审计日志哈希链，发现篡改时以非零状态退出')
  .action(async () => {
    const { verifyAudit } = await import('../admin/audit.ts');
    await withDatabase(async (db) => {
      const progress = createProgress();
      let started = false;
      const result = await verifyAudit(db, (done, total) => {
        if (!started) { progress.start('校验审计日志', total); started = true; }
        progress.update(done);
      });
      progress.stop();
      if (result.ok) {
        console.log(`审计日志完整：共 ${result.checked} 条，哈希链无误`);
      } else {
        console.error(`审计日志被篡改：${result.reason}（首个异常记录 #${result.firstBadId}，之前 ${result.checked} 条无误）`);
        process.exitCode = 3;
      }
    });
  });

registerUserCommands(program);
registerApiKeyCommands(program);
registerDemoCommand(program);
registerBaseCommands(program);
registerSimulateCommand(program);

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof AppError) console.error(`错误 [${err.code}]: ${err.message}`);
  else console.error(err);
  process.exitCode = process.exitCode || 1;
});
