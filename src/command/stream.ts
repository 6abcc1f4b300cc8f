// Live queue updates (Server-Sent Events): every case change any node commits reaches the browsers it concerns as
// `event: case`, so they refresh their queue counts. Centre staff and collectors hear of changes in their region,
// handlers of changes to their department's cases; the event carries only id, stage and action.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../admin/actor.ts';
import { inScope } from '../admin/scope.ts';
import type { EventBus } from '../platform/events.ts';
import { CASE_CHANGED, type CaseChange } from './effects.ts';

const HEARTBEAT_MS = 25_000;

function concerns(actor: Actor, change: CaseChange): boolean {
  if (actor.role === 'handler') return actor.departmentId !== null && change.departmentIds.includes(actor.departmentId);
  if (actor.role === 'citizen') return false;
  return inScope(change.gridCode, actor.scope);
}

export function streamCaseChanges(events: EventBus, actor: Actor, request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive',
    'x-accel-buffering': 'no' });
  out.write(': connected\n\n');
  const unsubscribe = events.subscribe(CASE_CHANGED, (event) => {
    const change = event.data as CaseChange;
    if (!concerns(actor, change)) return;
    out.write(`event: case\ndata: ${JSON.stringify({ id: change.id, stage: change.stage, action: change.action })}\n\n`);
  });
  const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.on('close', close);
  out.on('close', close);
}
