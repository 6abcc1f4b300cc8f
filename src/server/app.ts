// Builds the Fastify server: schemas and OpenAPI, auth, every system's routes, and the web console.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import './fastify-types.ts';
import { schemaVersion } from '../db/migrate.ts';
import { installAuthHook } from './auth-hook.ts';
import type { AppContext } from './context.ts';
import { handleError } from './errors.ts';
import { registerSystems } from './systems.ts';
import { installTextGuard } from './text-guard.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built console; CITYOPS_WEB_DIST points elsewhere (e.g. a private build while several people work at once). */
export const WEB_DIST = process.env.CITYOPS_WEB_DIST ? path.resolve(process.env.CITYOPS_WEB_DIST) : path.join(ROOT, 'dist/web');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimitBytes,
    // Access log for API calls only: not for web assets and health probes.
    logController: new LogController({
      disableRequestLogging: (req) => !req.url.startsWith('/api/') || req.url.startsWith('/api/health'),
    }),
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }) as unknown as FastifyInstance; // pino's Logger type is wider than FastifyBaseLogger
  app.setErrorHandler(handleError);
  await app.register(fastifyCompress, { threshold: 2048 }); // map layers are large GeoJSON
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.uploadLimitBytes, files: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'CityOps 城市运行管理服务平台 API', version: VERSION,
        description: '所有错误以 { code, message } 返回。认证：Cookie 会话、`Authorization: Bearer <token>`、或 `X-API-Key: <key>`。' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'cityops_session' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }, { cookie: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  installAuthHook(app, ctx);
  installTextGuard(app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['platform'], summary: '健康检查',
      response: { 200: { type: 'object', properties: {
        status: { type: 'string' }, database: { type: 'string' }, schemaVersion: { type: 'integer' },
        uptimeSeconds: { type: 'number' }, node: { type: 'string' }, version: { type: 'string' } } } },
    },
  }, async () => ({
    status: 'ok',
    database: ctx.db.kind,
    schemaVersion: await schemaVersion(ctx.db),
    uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    node: ctx.config.nodeId,
    version: VERSION,
  }));

  await registerSystems(app, ctx);
  await registerWeb(app);
  return app;
}

async function registerWeb(app: FastifyInstance): Promise<void> {
  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    if (url.startsWith('/api/') || url.startsWith('/open311/') || request.method !== 'GET') {
      return reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在: ${request.method} ${url.split('?')[0]}` });
    }
    if (!hasWeb) {
      return reply.status(503).type('text/plain; charset=utf-8').send('网页控制台尚未构建：请运行 npm run build:web');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html', { maxAge: 0 });
  });
}
