// JSON-schema pieces of the monitor routes.
export const tags = ['运行监测 monitor'];

export const CODE = '^[A-Za-z0-9_-]{3,64}$';
export const KEY = '^[a-z][a-z0-9_]{1,39}$';
export const position = {
  type: 'object', required: ['lon', 'lat'], additionalProperties: false,
  properties: { lon: { type: 'number' }, lat: { type: 'number' } },
} as const;
export const nullableId = { type: ['integer', 'null'], minimum: 1 } as const;
export const matterCode = { type: 'string', pattern: '^[0-9]{5}$' } as const;
export const levelEnum = { type: 'string', enum: ['blue', 'yellow', 'orange', 'red'] } as const;
export const time = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'integer', minimum: 1 }] } as const;
