// The console's case list from the server (target: a page of the 200,000-case list under 300 ms), against a running
// platform with the demo history: each request several times, printing p50 and the worst.
// Run: node --import tsx bench/case-list.bench.ts [baseUrl] [rounds]   (default http://127.0.0.1:8080, 5 rounds)
const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const rounds = Number(process.argv[3] ?? 5);

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
});
if (!login.ok) throw new Error(`login failed: ${login.status}`);
const { token } = (await login.json()) as { token: string };

const REQUESTS: [string, string][] = [
  ['first page, all cases', '/api/cases?page=1&pageSize=20'],
  ['page 200', '/api/cases?page=200&pageSize=20'],
  ['one district', '/api/cases?region=379903&pageSize=20'],
  ['stage 待处置', '/api/cases?stage=handling&pageSize=20'],
  ['overdue', '/api/cases?overdue=true&pageSize=20'],
  ['one month', '/api/cases?from=2026-06-01T00:00:00%2B08:00&to=2026-07-01T00:00:00%2B08:00&pageSize=20'],
  ['type prefix 06', '/api/cases?type=06&pageSize=20'],
  ['text 井盖 (common)', `/api/cases?q=${encodeURIComponent('井盖')}&pageSize=20`],
  ['text 幸福社区', `/api/cases?q=${encodeURIComponent('幸福社区')}&pageSize=20`],
  ['case number part', '/api/cases?q=379902-0001&pageSize=20'],
  ['queue counts', '/api/cases/queues'],
];

console.log(`${base}, ${rounds} rounds each`);
for (const [label, path] of REQUESTS) {
  const times: number[] = [];
  let total = '';
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { total?: number; totalCapped?: boolean };
    times.push(performance.now() - t0);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    total = body.total === undefined ? '' : `${body.total}${body.totalCapped ? '+' : ''} cases`;
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(22)} p50 ${times[Math.floor(times.length / 2)].toFixed(0).padStart(4)} ms, worst ${times.at(-1)!.toFixed(0).padStart(4)} ms  ${total}`);
}
