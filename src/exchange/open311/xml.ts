// A small XML writer for GeoReport v2 answers: objects become elements, arrays repeat a child element whose
// name is given per list (services → service, attributes → attribute …), null becomes an empty element.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Child element names of lists, by the list's own name. */
export type ListNames = Record<string, string>;

function element(name: string, value: unknown, lists: ListNames): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = lists[name] ?? 'item';
    return `<${name}>${value.map((v) => element(child, v, lists)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, lists)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(root: string, value: unknown, lists: ListNames): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, lists)}`;
}
