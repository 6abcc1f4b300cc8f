// The simulator's view of a running platform over HTTP: log in, read lists page by page, post with an API key, and
// follow the alarm stream (SSE) to count the alarms the simulated traffic raises.

export interface PlatformClient {
  readonly baseUrl: string;
  get<T = any>(path: string): Promise<T>;
  /** Every item of a paged list (`{ total, items }`). */
  all<T = any>(path: string): Promise<T[]>;
  postWithKey(path: string, apiKey: string, body: unknown): Promise<{ status: number; body: any }>;
  /** Calls `onAlarm` for each alarm change until the returned stop() is called; resolves once the stream is open. */
  watchAlarms(onAlarm: (change: { action: string; level: string; deviceId: number }) => void): Promise<() => void>;
}

async function json(res: Response): Promise<any> {
  const text = await res.text();
  try { return JSON.parse(text); } catch { return text; }
}

export async function connectPlatform(baseUrl: string, username: string, password: string): Promise<PlatformClient> {
  const base = baseUrl.replace(/\/+$/, '');
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
    .catch((err: Error) => { throw new Error(`无法连接平台 ${base}：${err.message}`); });
  const body = await json(login);
  if (login.status !== 200) throw new Error(`登录失败（${username}）：${body?.message ?? login.status}`);
  const auth = { authorization: `Bearer ${body.token}` };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: auth });
    const b = await json(res);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${b?.message ?? ''}`);
    return b;
  };
  return {
    baseUrl: base,
    get,
    async all(path) {
      const items: any[] = [];
      for (let page = 1; ; page++) {
        const res = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=500`);
        items.push(...res.items);
        if (res.items.length === 0 || items.length >= res.total) return items;
      }
    },
    async postWithKey(path, apiKey, payload) {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify(payload) });
      return { status: res.status, body: await json(res) };
    },
    async watchAlarms(onAlarm) {
      const abort = new AbortController();
      const res = await fetch(`${base}/api/monitor/alarms/stream`, { headers: auth, signal: abort.signal });
      if (res.status !== 200 || !res.body) throw new Error(`告警推送不可用：HTTP ${res.status}`);
      void (async () => {
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (block.includes('event: alarm') && data) onAlarm(JSON.parse(data.slice(6)));
          }
        }
      })().catch(() => undefined);
      return () => abort.abort();
    },
  };
}
