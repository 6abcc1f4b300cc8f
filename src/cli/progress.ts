// Progress bars for long CLI work; quiet (one line per step) when output is not a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export function createProgress(): Progress {
  if (!process.stderr.isTTY) {
    let label = '';
    let total = 0;
    let lastPct = -1;
    return {
      start(l, t) { label = l; total = t; lastPct = -1; process.stderr.write(`${label} …\n`); },
      update(done) {
        const pct = total ? Math.floor((done / total) * 10) * 10 : 100;
        if (pct !== lastPct && pct > 0) { lastPct = pct; process.stderr.write(`  ${label} ${pct}% (${done}/${total})\n`); }
      },
      stop() { /* nothing to clear */ },
    };
  }
  const bar = new cliProgress.SingleBar({
    format: '{label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}',
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let active = false;
  return {
    start(label, total) {
      if (active) bar.stop();
      bar.start(total, 0, { label });
      active = true;
    },
    update(done) { bar.update(done); },
    stop() { if (active) bar.stop(); active = false; },
  };
}
