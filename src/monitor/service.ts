// The monitor's per-platform parts: the ingest pipeline and, once started, the MQTT ingest (embedded broker or an
// external broker's subscription). Both stop when the HTTP app closes (platform stop).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { startEmbeddedBroker, startExternalSubscriber, type MqttIngest } from './mqtt.ts';
import { Pipeline, type PipelineOptions } from './pipeline.ts';

interface Monitor { pipeline: Pipeline; mqtt: MqttIngest | null }
const monitors = new WeakMap<AppContext, Monitor>();

export async function setupMonitor(app: FastifyInstance, ctx: AppContext, options: PipelineOptions = {}): Promise<Pipeline> {
  const pipeline = new Pipeline(ctx.db, ctx.events, ctx.log, options);
  await pipeline.start();
  const monitor: Monitor = { pipeline, mqtt: null };
  monitors.set(ctx, monitor);
  app.addHook('onClose', async () => {
    pipeline.commands.attach(null);
    await monitor.mqtt?.close();
    monitor.mqtt = null;
    await pipeline.close();
  });
  return pipeline;
}

export function monitorPipeline(ctx: AppContext): Pipeline {
  const monitor = monitors.get(ctx);
  if (!monitor) throw new Error('monitor not set up');
  return monitor.pipeline;
}

/**
 * Starts MQTT ingest: a subscription to MQTT_URL when set, otherwise the embedded broker on CITYOPS_MQTT_PORT.
 * `overrides` lets tests pick an ephemeral port or another broker.
 */
export async function startMonitorMqtt(ctx: AppContext, overrides: { port?: number; url?: string; host?: string } = {}): Promise<MqttIngest> {
  const monitor = monitors.get(ctx);
  if (!monitor) throw new Error('monitor not set up');
  if (monitor.mqtt) return monitor.mqtt;
  const url = overrides.url ?? (overrides.port === undefined ? ctx.config.mqttUrl : undefined);
  const root = ctx.config.mqttTopicRoot;
  monitor.mqtt = url
    ? await startExternalSubscriber(monitor.pipeline, ctx.log, root, url, ctx.config.nodeId)
    : await startEmbeddedBroker(monitor.pipeline, ctx.log, root, overrides.port ?? ctx.config.mqttPort, overrides.host ?? ctx.config.host);
  monitor.pipeline.commands.attach(monitor.mqtt, root);
  return monitor.mqtt;
}

/** Stops MQTT ingest (the pipeline keeps running for HTTP); tests use it to restart a broker. */
export async function stopMonitorMqtt(ctx: AppContext): Promise<void> {
  const monitor = monitors.get(ctx);
  if (monitor) monitor.pipeline.commands.attach(null);
  await monitor?.mqtt?.close();
  if (monitor) monitor.mqtt = null;
}
