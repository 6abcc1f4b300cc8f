// Draws the field app's icons (web/public/m/icons/*.png) from icon.svg with sharp: 192 and 512 px, plus a maskable
// 512 px one whose pin stays inside the safe circle. Run once after changing the drawing: node web/src/field/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../public/m/icons');
const svg = fs.readFileSync(path.join(out, 'icon.svg'));
/** The same pin, smaller, on a full-bleed background for launchers that crop icons to a shape. */
const maskable = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#1668dc"/>
  <g transform="translate(76.8 76.8) scale(0.7)">${svg.toString().replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '').replace(/<rect[^>]*\/>/, '')}</g></svg>`);

fs.mkdirSync(out, { recursive: true });
for (const size of [192, 512]) await sharp(svg, { density: 300 }).resize(size, size).png().toFile(path.join(out, `icon-${size}.png`));
await sharp(maskable, { density: 300 }).resize(512, 512).png().toFile(path.join(out, 'icon-maskable-512.png'));
console.log('icons written to', out);
