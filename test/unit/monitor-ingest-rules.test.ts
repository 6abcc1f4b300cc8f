import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedAlarmActions, isActive, nextStatus } from '../../src/monitor/rules/lifecycle.ts';
import { decodePayload, parseTelemetry, parseTimestamp } from '../../src/monitor/rules/telemetry.ts';
import { decideVideoEvent } from '../../src/monitor/rules/video.ts';

const NOW = Date.parse('2026-11-02T08:00:00Z');
const limits = { nowMs: NOW, maxFutureMs: 300_000, maxAgeMs: 30 * 86_400_000 };
const metrics = new Set(['lel', 'temp', 'open']);

describe('telemetry payloads', () => {
  it('takes ISO or epoch-ms times and numeric values', () => {
    const a = parseTelemetry({ ts: '2026-11-02T07:59:00Z', values: { lel: 12.5, temp: 20 } }, metrics, limits);
    assert.deepEqual(a, { ok: true, readings: [{ metric: 'lel', ts: NOW - 60_000, value: 12.5 }, { metric: 'temp', ts: NOW - 60_000, value: 20 }] });
    const b = parseTelemetry({ ts: NOW, values: { open: true } }, metrics, limits);
    assert.deepEqual(b, { ok: true, readings: [{ metric: 'open', ts: NOW, value: 1 }] });
    assert.deepEqual(parseTelemetry({ values: { lel: 1 } }, metrics, limits), { ok: true, readings: [{ metric: 'lel', ts: NOW, value: 1 }] });
  });
  it('refuses malformed messages with a reason', () => {
    const bad = (m: unknown) => { const r = parseTelemetry(m, metrics, limits); assert.equal(r.ok, false); return (r as any).reason as string; };
    assert.match(bad(null), /JSON 对象/);
    assert.match(bad([1]), /JSON 对象/);
    assert.match(bad({ ts: 'yesterday', values: { lel: 1 } }), /ts/);
    assert.match(bad({ ts: -5, values: { lel: 1 } }), /ts/);
    assert.match(bad({ ts: NOW + 600_000, values: { lel: 1 } }), /晚于/);
    assert.match(bad({ ts: NOW - 31 * 86_400_000, values: { lel: 1 } }), /保留期/);
    assert.match(bad({ ts: NOW, values: 5 }), /values/);
    assert.match(bad({ ts: NOW, values: {} }), /为空/);
    assert.match(bad({ ts: NOW, values: { co2: 1 } }), /没有指标 co2/);
    assert.match(bad({ ts: NOW, values: { lel: '12' } }), /数字/);
    assert.match(bad({ ts: NOW, values: { lel: null } }), /数字/);
    assert.match(bad({ ts: NOW, values: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`m${i}`, 1])) }), /最多/);
  });
  it('parses timestamps strictly', () => {
    assert.equal(parseTimestamp('2026-11-02T08:00:00+08:00'), Date.parse('2026-11-02T00:00:00Z'));
    assert.equal(parseTimestamp('2026-11-02'), null);
    assert.equal(parseTimestamp('2026-13-45T99:00:00Z'), null);
    assert.equal(parseTimestamp(Number.NaN), null);
  });
  it('decodes JSON payloads and reports the rest', () => {
    assert.deepEqual(decodePayload(Buffer.from('{"a":1}')), { ok: true, message: { a: 1 } });
    assert.equal(decodePayload('{oops').ok, false);
  });
});

describe('alarm lifecycle', () => {
  it('follows raised → confirmed | false alarm → dispatched → recovered → archived', () => {
    assert.equal(nextStatus('raised', 'confirm'), 'confirmed');
    assert.equal(nextStatus('raised', 'false_alarm'), 'false_alarm');
    assert.equal(nextStatus('confirmed', 'false_alarm'), 'false_alarm');
    assert.equal(nextStatus('confirmed', 'dispatch'), 'dispatched');
    assert.equal(nextStatus('raised', 'dispatch'), 'dispatched');
    assert.equal(nextStatus('dispatched', 'recover'), 'recovered');
    assert.equal(nextStatus('raised', 'recover'), 'recovered');
    assert.equal(nextStatus('recovered', 'archive'), 'archived');
    assert.equal(nextStatus('false_alarm', 'archive'), 'archived');
  });
  it('refuses everything else', () => {
    assert.equal(nextStatus('dispatched', 'confirm'), null);
    assert.equal(nextStatus('dispatched', 'dispatch'), null);
    assert.equal(nextStatus('dispatched', 'archive'), null);
    assert.equal(nextStatus('recovered', 'dispatch'), null);
    assert.equal(nextStatus('false_alarm', 'recover'), null);
    assert.equal(nextStatus('archived', 'archive'), null);
    assert.deepEqual(allowedAlarmActions('archived'), []);
    assert.deepEqual(allowedAlarmActions('raised'), ['confirm', 'false_alarm', 'dispatch']);
  });
  it('counts raised, confirmed and dispatched as active', () => {
    assert.deepEqual(['raised', 'confirmed', 'false_alarm', 'dispatched', 'recovered', 'archived'].filter((s) => isActive(s as any)),
      ['raised', 'confirmed', 'dispatched']);
  });
});

describe('AI video decisions', () => {
  const cls = { minConfidence: 0.7, mergeSeconds: 1800, mode: 'review' as const, enabled: true };
  it('ignores disabled classes and low confidence', () => {
    assert.deepEqual(decideVideoEvent({ ...cls, enabled: false }, 0.99, NOW, null), { kind: 'ignore', reason: 'disabled' });
    assert.deepEqual(decideVideoEvent(cls, 0.69, NOW, null), { kind: 'ignore', reason: 'low_confidence' });
  });
  it('merges repeats within the window, opens a new event after it', () => {
    assert.deepEqual(decideVideoEvent(cls, 0.7, NOW, { id: 7, lastAtMs: NOW - 1800_000 }), { kind: 'merge', eventId: 7 });
    assert.deepEqual(decideVideoEvent(cls, 0.7, NOW, { id: 7, lastAtMs: NOW - 1800_001 }), { kind: 'new', mode: 'review' });
    assert.deepEqual(decideVideoEvent({ ...cls, mode: 'auto' }, 0.9, NOW, null), { kind: 'new', mode: 'auto' });
  });
  it('a late detection still merges into a newer event of the window', () => {
    assert.deepEqual(decideVideoEvent(cls, 0.8, NOW - 60_000, { id: 3, lastAtMs: NOW }), { kind: 'merge', eventId: 3 });
  });
});
