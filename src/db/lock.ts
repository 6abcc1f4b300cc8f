// Keeps a second process out of the embedded database's files: PGlite has no locking of its own.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../platform/errors.ts';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: any) {
    return err.code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'cityops.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return { release };
    } catch (err: any) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new AppError(409, 'DATA_DIR_LOCKED',
          `数据目录 ${dataDir} 正被进程 ${holder} 使用：内置数据库只允许一个进程访问。请先停止该进程，或用 DATABASE_URL 连接 PostgreSQL 服务器以运行多个节点。`);
      }
      fs.unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new Error('unreachable');
}
