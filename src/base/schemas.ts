// JSON-schema pieces shared by the base-data routes.
export const TAGS = ['基础数据 base'];

export const DIVISION_CODE = '^[0-9]{6}([0-9]{3}){0,2}$';
export const GRID_CODE = '^[0-9]{15}$';
export const COMPONENT_ID = '^[0-9]{17}$';
export const TYPE_CODE = '^[0-9]{5}$';
export const DATE = { type: 'string', format: 'date' } as const;
export const NULLABLE_DATE = { type: ['string', 'null'], format: 'date' } as const;
export const CRS = { type: 'string', enum: ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'] } as const;

/** A GeoJSON geometry; its content is checked by the spatial validators, which give Chinese messages. */
export const GEOMETRY = { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } as const;

export const codeParam = (pattern: string) => ({
  type: 'object', required: ['code'], properties: { code: { type: 'string', pattern } },
}) as const;
