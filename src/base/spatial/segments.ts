// Plane segment math shared by the geometry checks and the geocoder (coordinates in any planar unit).

/**
 * Where segments AB and CD meet, touching ends included; undefined when they miss or are parallel
 * (the same rule as turf kinks, so both self-intersection checks agree).
 */
export function segmentIntersection(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): [number, number] | undefined {
  const rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy;
  const denom = rx * sy - ry * sx;
  if (denom === 0) return undefined;
  const qx = cx - ax, qy = cy - ay;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
  return [ax + t * rx, ay + t * ry];
}

/** The point of segment AB closest to P, and its squared distance. */
export function closestOnSegment(
  px: number, py: number, ax: number, ay: number, bx: number, by: number,
): { x: number; y: number; d2: number } {
  const rx = bx - ax, ry = by - ay;
  const len2 = rx * rx + ry * ry;
  let t = len2 === 0 ? 0 : ((px - ax) * rx + (py - ay) * ry) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = ax + t * rx, y = ay + t * ry;
  return { x, y, d2: (px - x) * (px - x) + (py - y) * (py - y) };
}
