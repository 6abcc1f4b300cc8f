// 部件标识码 allocation and type lookup, shared by the components API and the importer.
import type { Queryable } from '../db/types.ts';
import { conflict } from '../platform/errors.ts';
import { componentId } from './codes.ts';

export interface ComponentType {
  code: string;
  name: string;
  enabled: boolean;
}

/** The component part of the catalogue plus the legacy 2+2 → 5-digit map, loaded once per request or import. */
export class ComponentTypes {
  private constructor(private readonly types: Map<string, ComponentType>, private readonly legacy: Map<string, string | null>) {}

  static async load(q: Queryable): Promise<ComponentTypes> {
    const types = await q.query<ComponentType>("select code, name, enabled from catalog_types where kind = 'component'");
    const legacy = await q.query<{ legacy_code: string; target_code: string | null }>(
      "select legacy_code, target_code from legacy_catalog_map where kind = 'component'");
    return new ComponentTypes(new Map(types.map((t) => [t.code, t])), new Map(legacy.map((l) => [l.legacy_code, l.target_code])));
  }

  get(code: string): ComponentType | undefined {
    return this.types.get(code);
  }

  /** The standard code a legacy 4-digit type maps to: undefined when unknown, null when known but unmapped. */
  legacyTarget(legacyCode: string): string | null | undefined {
    return this.legacy.get(legacyCode);
  }
}

/**
 * Hands out the next free sequence numbers for district + type prefixes (11 digits). Takes a transaction-level
 * advisory lock per prefix, so two writers on any node never hand out the same id.
 */
export class ComponentIdAllocator {
  private readonly next = new Map<string, number>();

  constructor(private readonly tx: Queryable) {}

  async reserve(prefixes: Iterable<string>): Promise<void> {
    const todo = [...new Set(prefixes)].filter((p) => !this.next.has(p)).sort();
    for (const prefix of todo) {
      await this.tx.query("select pg_advisory_xact_lock(hashtext('component-id:' || $1))", [prefix]);
      const row = await this.tx.maybeOne<{ id: string | null }>(
        'select max(id) as id from components where id between $1 and $2', [`${prefix}000000`, `${prefix}999999`]);
      this.next.set(prefix, row?.id ? Number(row.id.slice(11)) + 1 : 1);
    }
  }

  /** The next id for a district and type; reserve() its prefix first. */
  take(district: string, typeCode: string): string {
    const prefix = district + typeCode;
    const seq = this.next.get(prefix);
    if (seq === undefined) throw new Error(`prefix ${prefix} not reserved`);
    if (seq > 999_999) throw conflict('SEQUENCE_EXHAUSTED', `区划 ${district} 的类型 ${typeCode} 部件顺序码已用尽`);
    this.next.set(prefix, seq + 1);
    return componentId(district, typeCode, seq);
  }

  /** Records an id given explicitly, so generated ones continue after it. */
  note(id: string): void {
    const prefix = id.slice(0, 11);
    const seq = Number(id.slice(11));
    if ((this.next.get(prefix) ?? 1) <= seq) this.next.set(prefix, seq + 1);
  }
}
