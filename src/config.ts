// Configuration comes from environment variables only; README.md lists every one of them.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;            // CITYOPS_DATA: embedded database, uploads, lock file
  databaseUrl?: string;       // DATABASE_URL: use a PostgreSQL server instead of PGlite
  logLevel: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  sessionHours: number;
  demoOnEmpty: boolean;       // CITYOPS_DEMO: generate the demo city when the database has no divisions
  demoHistoryCases: number;   // CITYOPS_DEMO_HISTORY: cases of history loaded in the background after that (0: none)
  nodeId: string;             // identifies this app node in job locks
  secureCookies: boolean;
  mqttUrl?: string;           // MQTT_URL: subscribe to an external broker instead of running the embedded one
  mqttPort: number;           // CITYOPS_MQTT_PORT: the embedded broker's port (0: any free port)
  mqttTopicRoot: string;      // CITYOPS_MQTT_TOPIC: first topic level of device telemetry
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`环境变量 ${name} 必须是数字: ${raw}`);
  return n;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const env = process.env;
  return {
    port: int('PORT', 8080),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.CITYOPS_DATA || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: int('CITYOPS_BODY_LIMIT', 2 * 1024 * 1024),
    uploadLimitBytes: int('CITYOPS_UPLOAD_LIMIT', 100 * 1024 * 1024),
    sessionHours: int('CITYOPS_SESSION_HOURS', 12),
    demoOnEmpty: (env.CITYOPS_DEMO ?? '1') !== '0',
    demoHistoryCases: int('CITYOPS_DEMO_HISTORY', 200_000),
    nodeId: env.CITYOPS_NODE_ID || `node-${process.pid}`,
    secureCookies: env.CITYOPS_SECURE_COOKIES === '1',
    mqttUrl: env.MQTT_URL || undefined,
    mqttPort: int('CITYOPS_MQTT_PORT', 1884),
    mqttTopicRoot: env.CITYOPS_MQTT_TOPIC || 'cityops',
    ...overrides,
  };
}
