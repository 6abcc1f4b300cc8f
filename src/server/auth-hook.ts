// Finds the actor behind a request (session cookie, bearer token or API key) and enforces the route's
// declared permission. A route that declares nothing is refused: deny by default.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorForApiKey, actorForSession } from '../admin/auth.ts';
import { can } from '../admin/actor.ts';
import { forbidden, unauthorized } from '../platform/errors.ts';
import type { AppContext } from './context.ts';

export const SESSION_COOKIE = 'cityops_session';

async function resolveActor(ctx: AppContext, request: FastifyRequest) {
  const header = request.headers.authorization;
  const apiKey = (request.headers['x-api-key'] as string | undefined) ?? (header?.startsWith('ApiKey ') ? header.slice(7) : undefined);
  if (apiKey) return actorForApiKey(ctx.db, apiKey.trim());
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const token = bearer ?? request.cookies?.[SESSION_COOKIE];
  if (token) return actorForSession(ctx.db, token);
  return undefined;
}

export function installAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('preHandler', async (request) => {
    if (request.is404) return;
    const cfg = request.routeOptions.config ?? {};
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/open311/')) return; // web assets
    if (cfg.public) {
      request.actor = await resolveActor(ctx, request).catch(() => undefined);
      return;
    }
    const actor = await resolveActor(ctx, request);
    if (!actor) throw unauthorized();
    request.actor = actor;
    if (cfg.authenticated) return;
    if (!cfg.permission) throw forbidden('该接口未声明访问权限，默认拒绝', 'FORBIDDEN');
    if (!can(actor, cfg.permission)) throw forbidden(`当前角色无权执行此操作（需要权限 ${cfg.permission}）`);
  });
}

/** The acting user or machine; routes behind the auth hook always have one. */
export function actorOf(request: FastifyRequest) {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
