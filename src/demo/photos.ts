// Demo case photos: simple drawn street scenes (illustrations, not real photographs) — one "before" per problem
// scene with two variants and one "after" with the problem gone — rendered once to JPEG with sharp and stored as
// media, so the demo history's cases have photos in the console. No text is drawn (no font needed).
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { prepareMedia, storeMedia } from '../media/store.ts';

export const PHOTO_SCENES = ['garbage', 'ads', 'parking', 'vending', 'greening', 'roads', 'construction', 'facade', 'water',
  'snow', 'manhole', 'light', 'misc'] as const;
export type PhotoScene = (typeof PHOTO_SCENES)[number];

/** Stored photo hashes per scene: two before variants and the after. */
export type DemoPhotos = Record<PhotoScene, { before: string[]; after: string }>;

const W = 640;
const H = 480;

/** The street: sky, buildings, pavement, kerb and road, shifted a little per variant. */
function street(variant: number): string {
  const shift = variant * 37;
  const buildings = [0, 1, 2, 3].map((i) => {
    const x = ((i * 170 + shift) % 700) - 40;
    const h = 120 + ((i * 53 + shift) % 90);
    const color = ['#c9b8a6', '#b7c4cf', '#d8cbb3', '#a9b3a0'][i];
    const windows = Array.from({ length: 6 }, (_, k) =>
      `<rect x="${x + 18 + (k % 3) * 40}" y="${250 - h + 20 + Math.floor(k / 3) * 45}" width="22" height="28" fill="#6f8aa3" opacity="0.7"/>`).join('');
    return `<rect x="${x}" y="${250 - h}" width="150" height="${h}" fill="${color}"/>${windows}`;
  }).join('');
  return `<rect width="${W}" height="${H}" fill="#cfe3f2"/>${buildings}
    <rect y="250" width="${W}" height="70" fill="#bdb6aa"/>
    ${Array.from({ length: 12 }, (_, i) => `<line x1="${i * 60}" y1="250" x2="${i * 60 - 20}" y2="320" stroke="#a8a196" stroke-width="2"/>`).join('')}
    <rect y="318" width="${W}" height="8" fill="#8c8c8c"/>
    <rect y="326" width="${W}" height="154" fill="#5b5f63"/>
    ${Array.from({ length: 6 }, (_, i) => `<rect x="${i * 120 + 20}" y="400" width="60" height="6" fill="#e8e8e8"/>`).join('')}`;
}

/** The problem drawn over the street, by scene. */
function problem(scene: PhotoScene, variant: number): string {
  const x = 180 + variant * 90;
  switch (scene) {
    case 'garbage': return `<rect x="${x}" y="200" width="60" height="80" rx="6" fill="#2f7d32"/>
      ${Array.from({ length: 9 }, (_, i) => `<ellipse cx="${x - 30 + i * 17}" cy="${292 + (i % 3) * 7}" rx="16" ry="10" fill="${['#444', '#8d6e63', '#1e88e5'][i % 3]}"/>`).join('')}`;
    case 'ads': return Array.from({ length: 7 }, (_, i) =>
      `<rect x="${x - 40 + (i % 4) * 34}" y="${150 + Math.floor(i / 4) * 44}" width="30" height="38" fill="${['#f44336', '#ffeb3b', '#ffffff', '#03a9f4'][i % 4]}" transform="rotate(${(i % 3) * 6 - 6} ${x} 170)"/>`).join('');
    case 'parking': return `<rect x="${x}" y="262" width="150" height="50" rx="14" fill="#d32f2f"/><rect x="${x + 25}" y="240" width="90" height="30" rx="8" fill="#b71c1c"/>
      <circle cx="${x + 30}" cy="314" r="14" fill="#222"/><circle cx="${x + 120}" cy="314" r="14" fill="#222"/>`;
    case 'vending': return `<rect x="${x}" y="250" width="120" height="50" fill="#8d6e63"/><path d="M${x - 20} 230 L${x + 60} 180 L${x + 140} 230 Z" fill="#ff7043"/>
      <line x1="${x + 60}" y1="180" x2="${x + 60}" y2="300" stroke="#555" stroke-width="4"/>
      ${Array.from({ length: 5 }, (_, i) => `<circle cx="${x + 15 + i * 22}" cy="246" r="9" fill="${['#ffca28', '#66bb6a', '#ef5350'][i % 3]}"/>`).join('')}`;
    case 'greening': return `<line x1="${x}" y1="300" x2="${x + 140}" y2="270" stroke="#6d4c41" stroke-width="14"/>
      ${Array.from({ length: 8 }, (_, i) => `<circle cx="${x + 20 + i * 16}" cy="${262 + (i % 2) * 12}" r="16" fill="#558b2f"/>`).join('')}`;
    case 'roads': return `<ellipse cx="${x + 60}" cy="390" rx="80" ry="26" fill="#3a3a3a"/><ellipse cx="${x + 60}" cy="386" rx="60" ry="16" fill="#2b2b2b"/>`;
    case 'construction': return `<rect x="${x - 60}" y="230" width="260" height="90" fill="#1565c0"/>
      ${Array.from({ length: 6 }, (_, i) => `<circle cx="${x - 40 + i * 45}" cy="${220 - (i % 2) * 20}" r="${30 + (i % 3) * 8}" fill="#bcaaa4" opacity="0.55"/>`).join('')}`;
    case 'facade': return `<rect x="${x}" y="160" width="110" height="80" fill="#9e9e9e"/>
      <path d="M${x} 160 L${x + 50} 200 L${x + 20} 240 M${x + 110} 170 L${x + 70} 210" stroke="#424242" stroke-width="4" fill="none"/>`;
    case 'water': return `<ellipse cx="${x + 80}" cy="370" rx="200" ry="40" fill="#7fa7c9" opacity="0.85"/><ellipse cx="${x + 40}" cy="360" rx="60" ry="10" fill="#cfe3f2" opacity="0.6"/>`;
    case 'snow': return `<rect y="300" width="${W}" height="40" fill="#f5f5f5"/>${Array.from({ length: 14 }, (_, i) =>
      `<ellipse cx="${i * 50 + variant * 10}" cy="${330 + (i % 3) * 30}" rx="40" ry="12" fill="#fafafa"/>`).join('')}`;
    case 'manhole': return `<ellipse cx="${x + 60}" cy="380" rx="46" ry="18" fill="#111"/><ellipse cx="${x + 150}" cy="400" rx="40" ry="14" fill="#777" transform="rotate(20 ${x + 150} 400)"/>`;
    case 'light': return `<line x1="${x}" y1="320" x2="${x + 40}" y2="150" stroke="#546e7a" stroke-width="8"/><rect x="${x + 30}" y="140" width="46" height="14" fill="#37474f"/>
      <path d="M${x + 40} 156 l-8 20 l12 -6 l-6 22" stroke="#212121" stroke-width="3" fill="none"/>`;
    case 'misc': return Array.from({ length: 6 }, (_, i) =>
      `<rect x="${x - 30 + i * 30}" y="${268 + (i % 2) * 14}" width="${26 + (i % 3) * 10}" height="${22 + (i % 2) * 10}" fill="${['#a1887f', '#90a4ae', '#ffcc80'][i % 3]}"/>`).join('');
  }
}

/** What stays after the problem is handled (a fixed cover, a clean kerb, a working light …). */
function fixed(scene: PhotoScene): string {
  switch (scene) {
    case 'manhole': return `<ellipse cx="240" cy="380" rx="46" ry="18" fill="#616161"/><ellipse cx="240" cy="380" rx="36" ry="12" fill="none" stroke="#424242" stroke-width="3"/>`;
    case 'light': return `<line x1="180" y1="320" x2="220" y2="150" stroke="#546e7a" stroke-width="8"/><rect x="210" y="140" width="46" height="14" fill="#37474f"/>
      <circle cx="233" cy="160" r="10" fill="#fff59d"/>`;
    case 'garbage': return `<rect x="180" y="200" width="60" height="80" rx="6" fill="#2f7d32"/>`;
    case 'roads': return `<rect x="160" y="368" width="140" height="36" fill="#4a4d50"/>`;
    default: return '';
  }
}

async function jpeg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${svg}</svg>`)).jpeg({ quality: 78 }).toBuffer();
}

/** One drawn problem scene as JPEG bytes (also the snapshots of `cityops simulate video`). */
export function renderScene(scene: PhotoScene, variant: 0 | 1): Promise<Buffer> {
  return jpeg(street(variant) + problem(scene, variant));
}

/** Renders and stores the pool (inside the caller's transaction); the same bytes always give the same hashes. */
export async function storeDemoPhotos(tx: Queryable): Promise<DemoPhotos> {
  const photos = {} as DemoPhotos;
  for (const scene of PHOTO_SCENES) {
    const before: string[] = [];
    for (const variant of [0, 1]) {
      const media = await prepareMedia(await jpeg(street(variant) + problem(scene, variant)), `${scene}-${variant}.jpg`);
      before.push((await storeMedia(tx, SYSTEM_ACTOR, media)).hash);
    }
    const after = await prepareMedia(await jpeg(street(0) + fixed(scene)), `${scene}-after.jpg`);
    photos[scene] = { before, after: (await storeMedia(tx, SYSTEM_ACTOR, after)).hash };
  }
  return photos;
}

/** The scene that pictures a case: its planned category, or for component cases the kind of component. */
export function sceneOf(category: string, typeCode: string, typeName: string): PhotoScene {
  if ((PHOTO_SCENES as readonly string[]).includes(category)) return category as PhotoScene;
  if (typeName.includes('井盖') || typeName.includes('箅子')) return 'manhole';
  if (typeName.includes('灯')) return 'light';
  if (typeName.includes('树') || typeName.includes('绿')) return 'greening';
  if (typeName.includes('垃圾') || typeName.includes('果皮箱')) return 'garbage';
  return typeCode.startsWith('01') ? 'manhole' : 'misc';
}
