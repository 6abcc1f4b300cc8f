// Time from `npm start` (the same command it runs: bin/cityops.js serve) to a healthy server,
// on a fresh data folder (includes migrations and demo city generation) and on the existing one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = 18000 + Math.floor(Math.random() * 1000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityops-start-'));

async function timeToReady(label: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/cityops.js', 'serve'], {
    env: { ...process.env, PORT: String(port), CITYOPS_DATA: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (performance.now() - started > 300_000) throw new Error('not ready after 300 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) break;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - started;
    console.log(`${label}: ready in ${(ms / 1000).toFixed(2)} s`);
    return ms;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
}

await timeToReady('fresh data folder (initdb + migrations + demo city)');
await timeToReady('existing data folder');
fs.rmSync(dataDir, { recursive: true, force: true });
