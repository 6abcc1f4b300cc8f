// A small builder for WHERE clauses with numbered parameters ($1, $2 …), shared by the base-data lists.
export class SqlFilter {
  readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds a condition; each `?` in it becomes the next parameter. */
  add(sql: string, ...values: unknown[]): this {
    let i = 0;
    this.parts.push(sql.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  /** `where a and b`, or an empty string. */
  where(): string {
    return this.parts.length ? `where ${this.parts.join(' and ')}` : '';
  }
}

/** Limit and offset from page numbers, clamped. */
export function pageClause(page = 1, pageSize = 50, max = 500): string {
  const size = Math.min(Math.max(Math.trunc(pageSize), 1), max);
  const p = Math.max(Math.trunc(page), 1);
  return `limit ${size} offset ${(p - 1) * size}`;
}

/** Escapes LIKE wildcards in user text. */
export function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
