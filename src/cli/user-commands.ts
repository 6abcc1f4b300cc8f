// cityops user add | passwd
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import { ROLES } from '../admin/roles.ts';
import { createUser, setPassword } from '../admin/users.ts';
import { notFound } from '../platform/errors.ts';
import { withDatabase } from './main.ts';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户管理');
  user.command('add')
    .description('新建用户')
    .requiredOption('-u, --username <name>', '用户名')
    .requiredOption('-r, --role <role>', `角色: ${ROLES.join(' | ')}`)
    .requiredOption('-p, --password <password>', '密码（至少 8 位，含三类字符）')
    .option('-n, --name <displayName>', '姓名')
    .option('--region <code>', '所辖行政区划代码')
    .option('--department <id>', '所属部门 id')
    .option('--phone <phone>', '手机号')
    .action(async (opts) => {
      await withDatabase(async (db) => {
        const id = await db.transaction((tx) => createUser(tx, SYSTEM_ACTOR, {
          username: opts.username, displayName: opts.name ?? opts.username, password: opts.password, role: opts.role,
          regionCode: opts.region ?? null, departmentId: opts.department ? Number(opts.department) : null, phone: opts.phone ?? null,
        }));
        console.log(`用户已创建: ${opts.username} (id ${id})`);
      });
    });
  user.command('passwd')
    .description('重置用户密码')
    .argument('<username>', '用户名')
    .requiredOption('-p, --password <password>', '新密码')
    .action(async (username: string, opts) => {
      await withDatabase(async (db) => {
        const row = await db.maybeOne<{ id: number }>('select id from users where username = $1', [username]);
        if (!row) throw notFound('用户', username);
        await db.transaction((tx) => setPassword(tx, SYSTEM_ACTOR, Number(row.id), opts.password));
        console.log(`已重置 ${username} 的密码，其现有会话已失效`);
      });
    });
}
