// 反向控制 (actuator commands): a rule's action or a person sends a command to an alarming device. The command is
// written (status pending) in the alarm's transaction, then published after commit to `<root>/devices/<code>/commands`
// at QoS 1 through the embedded broker or the external one (status sent, or failed when no broker takes it). The
// device answers on `<root>/devices/<code>/commands/ack` with `{ id, ok?, message? }` (acknowledged / rejected).
// Payload sent: `{ id, name, params, alarmId, sentAt }`. With embedded brokers, each node's broker has only its own
// devices: the sending node also relays the command to every other node (platform event), whose broker passes it on.
// One external broker reaches every device from any node, so nothing is relayed.
import type { Logger } from 'pino';
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Db, Queryable } from '../db/types.ts';
import { badRequest, conflict } from '../platform/errors.ts';
import type { EventBus } from '../platform/events.ts';
import type { RuleAction } from './rules/commands.ts';
import type { CommandView } from './views.ts';

export interface CommandPublisher {
  /** Publishes at QoS 1; resolves once the broker took the message. */
  publish(topic: string, payload: string): Promise<void>;
  /** A broker of this node's own, next to other nodes' (relay to them), or the one shared broker. */
  readonly embedded?: boolean;
}

const RELAY = 'monitor.command';
interface Relayed { topic: string; payload: string }

export const commandsTopic = (root: string, code: string) => `${root}/devices/${code}/commands`;
export const ackTopic = (root: string, code: string) => `${root}/devices/${code}/commands/ack`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export const commandView = (r: any): CommandView => ({
  id: Number(r.id), name: r.name, params: r.params, origin: r.origin, status: r.status, sentAt: iso(r.sent_at), ackAt: iso(r.ack_at),
  result: r.result ?? null, by: r.actor_name,
});

/** Writes the commands (pending) with an alarm event each; returns their ids. Runs inside the caller's transaction. */
export async function recordCommands(tx: Queryable, deviceId: number, alarmId: number | null, actions: readonly RuleAction[],
  origin: 'rule' | 'manual', actor?: Actor): Promise<number[]> {
  const ids: number[] = [];
  for (const a of actions) {
    const row = await tx.maybeOne<{ id: number }>(
      `insert into monitor_commands (device_id, alarm_id, name, params, origin, status, actor_id, actor_name)
       values ($1, $2, $3, $4, $5, 'pending', $6, $7) returning id`,
      [deviceId, alarmId, a.name, JSON.stringify(a.params ?? {}), origin, actor?.kind === 'user' ? actor.id : null, actor?.name ?? '系统']);
    ids.push(Number(row!.id));
    if (alarmId !== null) {
      await tx.query(`insert into monitor_alarm_events (alarm_id, action, actor_id, actor_name, note) values ($1, 'command', $2, $3, $4)`,
        [alarmId, actor?.kind === 'user' ? actor.id : null, actor?.name ?? '系统', `下发指令 ${a.name}`]);
    }
  }
  return ids;
}

/** Sends committed commands: one node's way to the devices (its embedded broker or its external connection). */
export class CommandSender {
  private publisher: CommandPublisher | null = null;
  private root = 'cityops';
  /** Stops relaying other nodes' commands. */
  readonly close: () => void;

  constructor(private db: Db, private events: EventBus, private log: Logger) {
    // another node's command for devices that may be connected to this node's broker
    this.close = events.subscribe(RELAY, (e) => {
      if (e.node === events.nodeId || !this.publisher?.embedded) return;
      const { topic, payload } = e.data as Relayed;
      this.publisher.publish(topic, payload).catch((err: Error) => this.log.warn({ err, topic }, 'monitor: relaying a command failed'));
    });
  }

  /** The broker connection to send through (null: none, commands fail), and the topic root. */
  attach(publisher: CommandPublisher | null, root = this.root): void {
    this.publisher = publisher;
    this.root = root;
  }

  /** Publishes the commands; each ends sent or failed. Never throws. */
  async deliver(ids: readonly number[]): Promise<void> {
    for (const id of ids) {
      try {
        const c = await this.db.maybeOne(
          `select c.*, d.code from monitor_commands c join monitor_devices d on d.id = c.device_id where c.id = $1 and c.status = 'pending'`, [id]);
        if (!c) continue;
        const sentAt = new Date().toISOString();
        let failure: string | null = this.publisher ? null : 'MQTT 未启动，无法下发';
        if (this.publisher) {
          const payload = JSON.stringify({ id: Number(c.id), name: c.name, params: c.params, alarmId: c.alarm_id === null ? null : Number(c.alarm_id), sentAt });
          const topic = commandsTopic(this.root, c.code);
          await this.publisher.publish(topic, payload).catch((err: Error) => { failure = `下发失败：${err.message}`; });
          if (!failure && this.publisher.embedded) await this.events.publish<Relayed>(this.db, RELAY, { topic, payload });
        }
        await this.db.query(`update monitor_commands set status = $2, sent_at = $3, result = $4 where id = $1 and status = 'pending'`,
          [id, failure ? 'failed' : 'sent', sentAt, failure]);
      } catch (err) {
        this.log.error({ err, command: id }, 'monitor: sending a command failed');
      }
    }
  }

  /** A device's acknowledgement; answers for other devices' commands or unknown ids are ignored (and logged). */
  async acknowledge(deviceId: number, ack: { id: number; ok: boolean; message: string | null }): Promise<boolean> {
    const row = await this.db.maybeOne(
      `update monitor_commands set status = $3, ack_at = now(), result = coalesce($4, result)
       where id = $1 and device_id = $2 and status in ('pending', 'sent') returning id`,
      [ack.id, deviceId, ack.ok ? 'acknowledged' : 'rejected', ack.message]);
    if (!row) this.log.warn({ deviceId, command: ack.id }, 'monitor: acknowledgement of an unknown command ignored');
    return row !== null;
  }
}

export async function commandsOfAlarm(q: Queryable, alarmId: number): Promise<CommandView[]> {
  return (await q.query('select * from monitor_commands where alarm_id = $1 order by id', [alarmId])).map(commandView);
}

/** A person's command from an alarm (the alarm must be in scope: checked by the caller). Returns the command's id. */
export async function recordManualCommand(db: Db, actor: Actor, alarmId: number, action: RuleAction): Promise<number> {
  return db.transaction(async (tx) => {
    const a = await tx.maybeOne<{ device_id: number; enabled: boolean }>(
      'select a.device_id, d.enabled from monitor_alarms a join monitor_devices d on d.id = a.device_id where a.id = $1', [alarmId]);
    if (!a) throw badRequest('UNKNOWN_ALARM', `告警不存在: ${alarmId}`);
    if (!a.enabled) throw conflict('DEVICE_DISABLED', '设备已停用，不能下发指令');
    const [id] = await recordCommands(tx, Number(a.device_id), alarmId, [action], 'manual', actor);
    await audit(tx, actor, { action: 'command', entity: 'monitor_alarm', entityId: alarmId, after: { command: id, name: action.name, params: action.params ?? {} } });
    return id;
  });
}
