// cityops import | export: base data files from the command line, acting as the system (whole city).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import { exportBase, type ExportFormat } from '../base/export.ts';
import { IMPORT_KINDS, KIND_NAMES, type ImportKind, type ImportReport } from '../base/import/report.ts';
import type { ImportPhase } from '../base/import/importer.ts';
import { runImport } from '../base/import/run.ts';
import { CRS_VALUES, isCrs } from '../base/spatial/coords.ts';
import { EventBus } from '../platform/events.ts';
import { badRequest } from '../platform/errors.ts';
import { withDatabase } from './main.ts';
import { createProgress } from './progress.ts';

const PHASES: Record<ImportPhase, string> = { read: '读取文件', validate: '逐行校验', topology: '拓扑检查', write: '写入数据库' };

function kindOf(value: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(value)) {
    throw badRequest('UNKNOWN_KIND', `未知的数据类别 ${value}（可选 ${IMPORT_KINDS.join(' | ')}）`);
  }
  return value as ImportKind;
}

function printReport(r: ImportReport): void {
  const verdict = { done: '已导入', valid: '校验通过（试运行，未写入）', refused: '已整体拒绝，未写入任何数据', failed: '写入失败，已回滚' }[r.status];
  console.log(`${KIND_NAMES[r.kind]}导入 ${r.fileName}：${verdict}${r.runId ? `（导入记录 #${r.runId}）` : ''}`);
  console.log(`共 ${r.totalRows} 行，无误 ${r.okRows} 行，写入 ${r.inserted} 行，错误 ${r.errorCount} 处，警告 ${r.warningCount} 处`);
  const line = (e: ImportReport['errors'][number]) => `  ${e.row > 0 ? `第 ${e.row} 行` : '文件'}${e.field ? ` [${e.field}]` : ''} ${e.code}: ${e.message}`;
  if (r.errors.length) console.log(['错误：', ...r.errors.map(line)].join('\n'));
  if (r.warnings.length) console.log(['警告：', ...r.warnings.map(line)].join('\n'));
  const hidden = r.errorCount - r.errors.length + r.warningCount - r.warnings.length;
  if (hidden > 0) console.log(`（另有 ${hidden} 条未列出）`);
}

export function registerBaseCommands(program: Command): void {
  program.command('import')
    .description(`导入基础数据文件（.geojson/.json、.zip Shapefile、.csv）；有错误行时整体拒绝并以状态 2 退出。类别: ${IMPORT_KINDS.join(' | ')}`)
    .argument('<kind>', '数据类别')
    .argument('<file>', '文件路径')
    .option('--dry-run', '只校验，不写入')
    .option('--crs <crs>', `文件坐标系: ${CRS_VALUES.join(' | ')}`, 'WGS84')
    .action(async (kindArg: string, file: string, opts: { dryRun?: boolean; crs: string }) => {
      const kind = kindOf(kindArg);
      if (!isCrs(opts.crs)) throw badRequest('UNKNOWN_CRS', `不支持的坐标系 ${opts.crs}（可选 ${CRS_VALUES.join('、')}）`);
      const crs = opts.crs;
      if (!fs.existsSync(file)) throw badRequest('FILE_NOT_FOUND', `文件不存在: ${file}`);
      await withDatabase(async (db) => {
        const ctx = { db, events: new EventBus(db, `cli-${process.pid}`) };
        const progress = createProgress();
        let phase: ImportPhase | undefined;
        let report: ImportReport;
        try {
          report = await runImport(ctx, SYSTEM_ACTOR, {
            kind, fileName: path.basename(file), data: fs.readFileSync(file), dryRun: opts.dryRun, crs,
            onProgress: (p, done, total) => {
              if (p !== phase) {
                progress.start(PHASES[p], total);
                phase = p;
              }
              progress.update(done);
            },
          });
        } finally {
          progress.stop();
        }
        printReport(report);
        if (report.status === 'refused') process.exitCode = 2;
      });
    });

  program.command('export')
    .description(`导出基础数据（GeoJSON 或带 BOM 的 CSV）。类别: ${IMPORT_KINDS.join(' | ')}`)
    .argument('<kind>', '数据类别')
    .option('--format <format>', 'geojson | csv', 'geojson')
    .option('--out <file>', '输出文件（默认写到标准输出）')
    .action(async (kindArg: string, opts: { format: string; out?: string }) => {
      const kind = kindOf(kindArg);
      if (opts.format !== 'geojson' && opts.format !== 'csv') throw badRequest('UNKNOWN_FORMAT', `不支持的格式 ${opts.format}（可选 geojson | csv）`);
      await withDatabase(async (db) => {
        const result = await exportBase(db, SYSTEM_ACTOR, kind, opts.format as ExportFormat);
        await pipeline(result.stream, opts.out ? fs.createWriteStream(opts.out) : process.stdout);
        if (opts.out) console.error(`已导出到 ${opts.out}`);
      });
    });
}
