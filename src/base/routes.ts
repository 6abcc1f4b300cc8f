// 基础数据 routes — being built (see issue 2).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';

export async function registerBaseRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
