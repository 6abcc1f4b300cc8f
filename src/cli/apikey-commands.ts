// cityops apikey create | list | revoke — API keys for integrators (Open311 clients, the 12345 hotline, IoT and video
// platforms), the same as 系统管理 → API 密钥 in the console.
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import { createApiKey, revokeApiKey } from '../admin/auth.ts';
import { API_KEY_SCOPES } from '../admin/roles.ts';
import { withDatabase } from './main.ts';

export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description('API 密钥（对接方）');
  apikey.command('create')
    .description('签发 API 密钥（密钥只显示这一次）')
    .requiredOption('-n, --name <name>', '名称，例如 "12345 热线平台"')
    .requiredOption('-s, --scopes <scopes>', `权限范围，逗号分隔: ${Object.keys(API_KEY_SCOPES).join(', ')}`)
    .option('--region <code>', '限定的行政区划代码')
    .action(async (opts) => {
      await withDatabase(async (db) => {
        const scopes = String(opts.scopes).split(',').map((s) => s.trim()).filter(Boolean);
        const created = await db.transaction((tx) => createApiKey(tx, SYSTEM_ACTOR, { name: opts.name, scopes, regionCode: opts.region ?? null }));
        console.log(`API 密钥已签发 (id ${created.id})，请妥善保存，之后无法再次查看：`);
        console.log(created.key);
      });
    });
  apikey.command('list')
    .description('列出 API 密钥（不含密钥本身）')
    .action(async () => {
      await withDatabase(async (db) => {
        const rows = await db.query<{ id: number; name: string; key_prefix: string; scopes: string[]; revoked_at: Date | null; last_used_at: Date | null }>(
          'select id, name, key_prefix, scopes, revoked_at, last_used_at from api_keys order by id');
        for (const r of rows) {
          const state = r.revoked_at ? '已吊销' : r.last_used_at ? `最近使用 ${new Date(r.last_used_at).toISOString()}` : '未使用';
          console.log(`${String(r.id).padStart(4)}  cok_${r.key_prefix}_…  ${r.name}  [${r.scopes.join(', ')}]  ${state}`);
        }
      });
    });
  apikey.command('revoke')
    .description('吊销 API 密钥')
    .argument('<id>', '密钥 id（见 list）')
    .action(async (id: string) => {
      await withDatabase(async (db) => {
        await db.transaction((tx) => revokeApiKey(tx, SYSTEM_ACTOR, Number(id)));
        console.log(`API 密钥 ${id} 已吊销`);
      });
    });
}
