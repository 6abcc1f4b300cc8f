// Links that open a phone's navigation app at a case (WGS84 coordinates): the geo: URI any Android map app takes,
// and the 高德 / 百度 web pages, which convert WGS84 themselves and hand over to their apps when installed.

export interface NavLink { key: 'geo' | 'amap' | 'baidu'; href: string }

export function navigationLinks(lon: number, lat: number, name: string): NavLink[] {
  const label = encodeURIComponent(name);
  return [
    { key: 'geo', href: `geo:${lat},${lon}?q=${lat},${lon}(${label})` },
    { key: 'amap', href: `https://uri.amap.com/marker?position=${lon},${lat}&name=${label}&coordinate=wgs84&callnative=1&src=cityops` },
    { key: 'baidu', href: `https://api.map.baidu.com/marker?location=${lat},${lon}&title=${label}&content=${label}&output=html&coord_type=wgs84&src=cityops` },
  ];
}

/** A square around a point (degrees), for loading the grids near it. */
export function bboxAround(lon: number, lat: number, half = 0.004): string {
  return [lon - half, lat - half, lon + half, lat + half].map((n) => n.toFixed(6)).join(',');
}
