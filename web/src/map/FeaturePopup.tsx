// The content of a map popup: a feature's attributes (or a locate result) and a link to its detail page.
import type { T, TKey } from '../i18n.tsx';

const KEY_LABELS: Record<string, TKey> = {
  code: 'code', name: 'name', id: 'componentId', typeCode: 'componentType', typeName: 'componentType', status: 'status',
  gridCode: 'gridCode', gridName: 'gridName', communityCode: 'community', communityName: 'community', streetCode: 'street',
  streetName: 'street', districtName: 'district', areaM2: 'areaM2', class: 'roadClass', category: 'category',
  address: 'address', kind: 'kind', level: 'level', startDate: 'startDate', endDate: 'endDate',
};

export interface PopupRow {
  label: string;
  value: string;
}

/** Attribute rows of any object: primitives as they are, { code, name } objects as "name（code）". */
export function attributeRows(props: Record<string, unknown>, t: T, skip: string[] = []): PopupRow[] {
  const rows: PopupRow[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (skip.includes(key) || value === null || value === undefined || value === '') continue;
    const label = KEY_LABELS[key] ? t(KEY_LABELS[key]) : key;
    if (typeof value === 'object') {
      const o = value as { code?: unknown; name?: unknown };
      if (o.name !== undefined || o.code !== undefined) {
        rows.push({ label, value: [o.name, o.code ? `（${o.code}）` : ''].filter(Boolean).join('') });
      }
      continue;
    }
    rows.push({ label, value: typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(key === 'areaM2' ? 0 : 6) : String(value) });
  }
  return rows;
}

export default function FeaturePopup({ title, rows, link }: {
  title: string;
  rows: PopupRow[];
  link?: { label: string; onClick(): void };
}) {
  return (
    <div style={{ minWidth: 200, maxWidth: 300, fontSize: 12 }} data-testid="map-popup">
      <div style={{ fontWeight: 600, fontSize: 13, marginBottom: 6, paddingRight: 16 }}>{title}</div>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td style={{ color: '#8c8c8c', padding: '2px 8px 2px 0', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{r.label}</td>
              <td style={{ padding: '2px 0', wordBreak: 'break-all' }}>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {link && (
        <a style={{ display: 'inline-block', marginTop: 6, color: '#1677ff', cursor: 'pointer' }} onClick={link.onClick}>{link.label} →</a>
      )}
    </div>
  );
}
