// cityops simulate sensors|video — realistic traffic against a RUNNING platform for demos (src/monitor/simulate/).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { simulateSensors } from '../monitor/simulate/sensors.ts';
import { simulateVideo } from '../monitor/simulate/video.ts';

const number = (name: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} 须为不小于 ${min} 的数字`);
  return n;
};

/** Stops on Ctrl-C (a second Ctrl-C exits at once). */
function interruptible(): AbortSignal {
  const abort = new AbortController();
  process.once('SIGINT', () => {
    console.error('\n正在停止…（再按一次 Ctrl-C 立即退出）');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return abort.signal;
}

function readSecrets(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`无法读取设备密钥文件 ${file}：${(err as Error).message}`);
  }
  // { "CODE": "cds_…" } or [{ "code": …, "secret": … }]
  if (Array.isArray(parsed)) return Object.fromEntries(parsed.map((d: any) => [String(d.code), String(d.secret)]));
  if (parsed && typeof parsed === 'object') return parsed as Record<string, string>;
  throw new Error('设备密钥文件应为 {"设备编码": "密钥"} 或 [{"code", "secret"}]');
}

export function registerSimulateCommand(program: Command): void {
  const simulate = program.command('simulate').description('向运行中的平台发送模拟数据（演示用）');
  const common = (cmd: Command) => cmd
    .option('--url <url>', '平台地址', 'http://127.0.0.1:8080')
    .option('-u, --user <name>', '读取设备/摄像机清单的用户', 'admin')
    .option('-p, --password <password>', '该用户的密码', 'Demo@2026')
    .option('--rate <seconds>', '每台设备的上报间隔（秒）', number('--rate', 0.05), 5)
    .option('--duration <seconds>', '运行时长（秒），默认直到 Ctrl-C', number('--duration', 1))
    .option('--limit <n>', '最多模拟多少台', number('--limit', 1))
    .option('--seed <n>', '随机种子（重复同样的数据）', number('--seed', 0))
    .option('--every <seconds>', '进度输出间隔（秒）', number('--every', 1), 5);

  common(simulate.command('sensors'))
    .description('物联感知设备：按设备类型生成带日变化和噪声的读数（燃气、管网压力、桥梁挠度、雨量、积水…），经 MQTT 或 HTTP 上报')
    .option('--mqtt <url>', 'MQTT 地址（默认平台主机的 1884 端口）')
    .option('--topic-root <root>', 'MQTT 主题根（CITYOPS_MQTT_TOPIC）', 'cityops')
    .option('--http', '经 HTTP 批量接口上报（需 --api-key）')
    .option('--api-key <key>', 'API 密钥（权限范围 monitor:ingest），用于 HTTP 上报')
    .option('--secrets <file>', '设备密钥 JSON 文件（非示范城市的设备）')
    .option('--demo-seed <n>', '示范城市种子（推导示范设备密钥）', number('--demo-seed', 0))
    .option('--anomalies [chance]', '注入越限异常使告警触发；可给出每台设备每次上报开始异常的概率', (v) => number('--anomalies', 0)(v))
    .option('--scenario <name>', 'normal 或 flood（暴雨：雨量上升，排水液位、道路积水、河道水位随之上涨）', 'normal')
    .option('--types <codes>', '只模拟这些设备类型（逗号分隔）')
    .action(async (opts) => {
      if (!['normal', 'flood'].includes(opts.scenario)) throw new Error('--scenario 须为 normal 或 flood');
      const anomalies = opts.anomalies === undefined ? 0 : opts.anomalies === true ? 0.01 : opts.anomalies;
      const summary = await simulateSensors({
        url: opts.url, username: opts.user, password: opts.password, transport: opts.http ? 'http' : 'mqtt', mqttUrl: opts.mqtt,
        topicRoot: opts.topicRoot, apiKey: opts.apiKey, secrets: opts.secrets ? readSecrets(opts.secrets) : undefined, demoSeed: opts.demoSeed,
        rateSeconds: opts.rate, durationSeconds: opts.duration, anomalies, scenario: opts.scenario,
        types: opts.types ? String(opts.types).split(',').map((s: string) => s.trim()) : undefined, limit: opts.limit, seed: opts.seed,
        reportEverySeconds: opts.every, report: (line) => console.log(line), signal: interruptible(),
      });
      console.log(`结束：${summary.seconds.toFixed(0)} 秒，${summary.connected} 台设备发送 ${summary.messages} 条消息（${summary.readings} 个读数），` +
        `失败 ${summary.errors}，注入异常 ${summary.anomalies}，平台产生告警 ${summary.alarmsRaised}、升级 ${summary.escalations}，应答指令 ${summary.commandsAnswered}`);
    });

  common(simulate.command('video'))
    .description('视频AI识别事件：摄像机按时段识别占道经营、垃圾满溢、乱停放等，附抓拍图，重复识别由平台合并')
    .requiredOption('--api-key <key>', 'API 密钥（权限范围 monitor:ingest）')
    .option('--chance <p>', '每台摄像机每次出现新情形的概率', number('--chance', 0), 0.05)
    .action(async (opts) => {
      const summary = await simulateVideo({
        url: opts.url, username: opts.user, password: opts.password, apiKey: opts.apiKey, rateSeconds: opts.rate, durationSeconds: opts.duration,
        sceneChance: opts.chance, limit: opts.limit, seed: opts.seed, reportEverySeconds: opts.every, report: (line) => console.log(line),
        signal: interruptible(),
      });
      const parts = Object.entries(summary.outcomes).map(([k, n]) => `${k} ${n}`).join('，');
      console.log(`结束：${summary.seconds.toFixed(0)} 秒，${summary.cameras} 台摄像机上报 ${summary.posted} 条（附图 ${summary.snapshots}），失败 ${summary.errors}；${parts}`);
    });
}
