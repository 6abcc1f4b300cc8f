// The platform's systems, each registering its own routes (see docs/architecture.md).
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../admin/routes.ts';
import { registerBaseRoutes } from '../base/routes.ts';
import { registerCommandRoutes } from '../command/routes.ts';
import { registerDemoRoutes } from '../demo/history-job.ts';
import { registerMediaRoutes } from '../media/routes.ts';
import { registerOneMapRoutes } from '../map/routes.ts';
import { registerScreenRoutes } from '../screen/routes.ts';
import type { AppContext } from './context.ts';

export async function registerSystems(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerAdminRoutes(app, ctx);   // 应用维护: auth, users, API keys, audit
  await registerBaseRoutes(app, ctx);    // 基础数据: divisions, grids, catalogue, components, departments, map layers
  await registerMediaRoutes(app, ctx);   // 媒体: photos and videos by content hash, with thumbnails
  await registerCommandRoutes(app, ctx); // 指挥协调: cases, workflow actions, queues, time limits, calendar, timers
  await registerOneMapRoutes(app, ctx);  // 一张图: case layers, heat, grid statistics, polygon selection, staff positions
  await registerScreenRoutes(app, ctx);  // 大屏: the command hall's figures, live feed and map
  await registerDemoRoutes(app, ctx);    // 示范数据: the demo history's background load and its progress
  await (await import('../monitor/routes.ts')).registerMonitorRoutes(app, ctx); // 运行监测: devices, readings, alarms, AI video
  await (await import('../field/routes.ts')).registerFieldRoutes(app, ctx); // 城管通: the field app's own figures
  await (await import('../public/routes.ts')).registerPublicRoutes(app, ctx); // 公众服务: citizen portal, facilities, 店招服务
  await (await import('../exchange/open311/routes.ts')).registerOpen311Routes(app, ctx); // 数据交换: Open311 GeoReport v2
  await (await import('../exchange/hotline/routes.ts')).registerHotlineRoutes(app, ctx); // 数据交换: 12345 热线转办与办结反馈
  await (await import('../evaluation/analysis/routes.ts')).registerAnalysisRoutes(app, ctx); // 分析研判: 三高, trends, forecast, 提示函, reports
  await (await import('../evaluation/routes.ts')).registerEvaluationRoutes(app, ctx); // 综合评价: KPIs, scores, drill-down, export
  await (await import('../evaluation/city-index/routes.ts')).registerCityIndexRoutes(app, ctx); // 城市管理指数: indicator tree, 实地考察/问卷, index, 自评报告
}
