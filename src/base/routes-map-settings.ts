// 地图设置 routes: every logged-in user reads the base tile layer (the maps draw it); city-wide administrators set it.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { loadMapSettings, saveMapSettings, type MapSettings } from './map-settings.ts';
import { TAGS as tags } from './schemas.ts';

const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;

export async function registerMapSettingsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/settings/map', {
    config: { authenticated: true },
    schema: { tags, summary: '地图设置：可选的底图瓦片地址（未设置时地图只用平台自有图层，离线可用）', response: errorResponses },
  }, async () => loadMapSettings(db));

  app.put('/api/settings/map', {
    // case.settings is held by administrators only; saveMapSettings also requires a city-wide one.
    config: { permission: PERMISSIONS.caseSettings },
    schema: {
      tags, summary: '设置底图瓦片（XYZ 模板，须含 {z}/{x}/{y}，仅 http/https；tileUrl 为 null 即停用；仅市级管理员）',
      body: { type: 'object', additionalProperties: false, properties: {
        tileUrl: nullableText(1000), tileType: { type: 'string', enum: ['raster'] }, attribution: nullableText(200),
        maxZoom: { type: 'integer', minimum: 1, maximum: 22 } } },
      response: errorResponses,
    },
  }, async (request) => db.transaction((tx) => saveMapSettings(tx, actorOf(request), request.body as Partial<MapSettings>)));
}
