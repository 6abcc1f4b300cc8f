#!/usr/bin/env node
// Builds the web console into dist/web with Vite. With --if-stale it does nothing when the build is newer
// than every file under web/ (so `npm start` is fast after the first run).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(process.env.CITYOPS_WEB_DIST ? path.resolve(process.env.CITYOPS_WEB_DIST) : path.join(root, 'dist/web'), 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

if (process.argv.includes('--if-stale') && fs.existsSync(stamp)) {
  const sources = Math.max(newest(path.join(root, 'web')), fs.statSync(path.join(root, 'package-lock.json')).mtimeMs);
  if (fs.statSync(stamp).mtimeMs >= sources) process.exit(0);
}
console.error('building the web console (vite) …');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'web/vite.config.ts')], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
