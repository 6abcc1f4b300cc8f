// Types for the part of shpjs (no bundled types) that the importer uses.
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export function getShapefile(input: {
    shp: Uint8Array | ArrayBuffer;
    dbf?: Uint8Array | ArrayBuffer;
    cpg?: string;
    prj?: string;
  }): Promise<FeatureCollection>;
}
