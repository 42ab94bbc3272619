import sharp, { type OverlayOptions } from 'sharp';
import { locateFont } from '../binder/fonts.js';
import { DEMO_MARK, type SceneStyle } from './scenario.js';

/**
 * Sample photos: friendly drawn scenes (sky, buildings, trees, people in volunteer vests, a red banner) rendered with
 * sharp, with the activity's name on the banner, a 示例 tag and a camera-style date imprint, and real EXIF: the
 * DateTimeOriginal and, for some, orientation 6 (the pixels stored on their side, as phones do) so that imports and
 * binders must turn them upright.
 */

export interface PhotoOptions {
  style: SceneStyle;
  /** Written on the red banner in the picture. */
  banner: string;
  /** "2025-03-05T09:30:00", the camera's local time. */
  takenAt: string;
  /** Varies colours and positions between photos of the same style. */
  variant: number;
  width?: number;
  height?: number;
  /** Store the pixels turned a quarter to the left with EXIF orientation 6, like a phone held upright. */
  sideways?: boolean;
  /** Film-grain strength (standard deviation of the noise, 0–40). Real photos do not compress like flat drawings. */
  grain?: number;
  quality?: number;
}

const VIEW_W = 1600;
const VIEW_H = 1200;
/** The dark box behind the 示例 tag, top left. */
const TAG = { width: 420, height: 76 };

/** A number in [0, 1) that is always the same for the same variant and key. */
function vary(variant: number, key: number): number {
  const x = Math.sin(variant * 12.9898 + key * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function between(variant: number, key: number, lo: number, hi: number): number {
  return lo + (hi - lo) * vary(variant, key);
}

const SKIES = [['#7fb3e8', '#dcecf9'], ['#8ec5fc', '#f3e7e9'], ['#6fa8dc', '#fce5cd'], ['#9fc5e8', '#fff2cc']] as const;
const CLOTHES = ['#3d85c6', '#6aa84f', '#f1c232', '#8e7cc3', '#e69138', '#45818e', '#a64d79', '#666666'];
const SKIN = ['#f6d7b0', '#eac086', '#ffdbac', '#e0ac69'];
const VEST = '#d9362b';
const BUILDINGS = ['#e8d9c5', '#d5c4a1', '#c9d6df', '#e6e6e6', '#f2d7d5'];

function sky(v: number): string {
  const [top, bottom] = SKIES[Math.floor(vary(v, 1) * SKIES.length)]!;
  const sunX = between(v, 2, 1000, 1450);
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>
<rect width="${VIEW_W}" height="${VIEW_H}" fill="url(#sky)"/>
<circle cx="${sunX}" cy="170" r="80" fill="#ffe08a" fill-opacity="0.9"/>
<ellipse cx="${between(v, 3, 200, 700)}" cy="160" rx="140" ry="38" fill="#ffffff" fill-opacity="0.8"/>
<ellipse cx="${between(v, 4, 300, 900)}" cy="250" rx="110" ry="30" fill="#ffffff" fill-opacity="0.7"/>`;
}

function buildings(v: number, base: number): string {
  let out = '';
  let x = -20;
  for (let i = 0; x < VIEW_W; i += 1) {
    const w = between(v, 10 + i, 160, 280);
    const h = between(v, 30 + i, 250, 480);
    const color = BUILDINGS[Math.floor(vary(v, 50 + i) * BUILDINGS.length)]!;
    out += `<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${color}" stroke="#b7a98f" stroke-width="2"/>`;
    for (let wy = base - h + 30; wy < base - 50; wy += 55) {
      for (let wx = x + 20; wx < x + w - 40; wx += 50) out += `<rect x="${wx}" y="${wy}" width="28" height="32" fill="#9fc5e8" fill-opacity="0.85"/>`;
    }
    x += w + between(v, 70 + i, 10, 40);
  }
  return out;
}

function tree(x: number, base: number, scale: number): string {
  return `<rect x="${x - 10 * scale}" y="${base - 120 * scale}" width="${20 * scale}" height="${120 * scale}" fill="#8b5a2b"/>
<circle cx="${x}" cy="${base - 160 * scale}" r="${70 * scale}" fill="#4e9a4e"/>
<circle cx="${x - 45 * scale}" cy="${base - 120 * scale}" r="${50 * scale}" fill="#5cae5c"/>
<circle cx="${x + 45 * scale}" cy="${base - 125 * scale}" r="${52 * scale}" fill="#3f8f3f"/>`;
}

/** A standing person whose feet are at (x, base); volunteers wear the red vest. */
function person(x: number, base: number, scale: number, v: number, k: number, volunteer: boolean): string {
  const cloth = CLOTHES[Math.floor(vary(v, k) * CLOTHES.length)]!;
  const skin = SKIN[Math.floor(vary(v, k + 1) * SKIN.length)]!;
  const s = scale;
  const body = `<rect x="${x - 28 * s}" y="${base - 150 * s}" width="${56 * s}" height="${80 * s}" rx="${18 * s}" fill="${cloth}"/>`;
  const vest = volunteer ? `<rect x="${x - 24 * s}" y="${base - 146 * s}" width="${48 * s}" height="${60 * s}" rx="${12 * s}" fill="${VEST}"/>` : '';
  return `<rect x="${x - 20 * s}" y="${base - 75 * s}" width="${16 * s}" height="${75 * s}" fill="#3c3c46"/>
<rect x="${x + 4 * s}" y="${base - 75 * s}" width="${16 * s}" height="${75 * s}" fill="#3c3c46"/>
${body}${vest}
<circle cx="${x}" cy="${base - 175 * s}" r="${25 * s}" fill="${skin}"/>
<path d="M ${x - 25 * s} ${base - 180 * s} a ${25 * s} ${25 * s} 0 0 1 ${50 * s} 0 z" fill="#2b2b2b"/>`;
}

function crowd(v: number, base: number, count: number, scale: number, volunteers: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) {
    const x = 140 + (i + vary(v, 200 + i) * 0.5) * ((VIEW_W - 280) / count);
    const y = base + vary(v, 300 + i) * 40 * scale;
    out += person(x, y, scale * between(v, 400 + i, 0.9, 1.1), v, 500 + i * 3, i < volunteers);
  }
  return out;
}

/** The red banner and where its text goes, in view units. */
interface Banner {
  x: number;
  y: number;
  width: number;
  height: number;
}

function bannerRect(b: Banner): string {
  return `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="#c8221b" stroke="#8f1410" stroke-width="4"/>`;
}

function scene(style: SceneStyle, v: number): { svg: string; banner: Banner } {
  switch (style) {
    case 'square': {
      const banner = { x: 420, y: 470, width: 760, height: 80 };
      const svg = `${sky(v)}${buildings(v, 640)}
<rect y="640" width="${VIEW_W}" height="${VIEW_H - 640}" fill="#d8d2c4"/>
${Array.from({ length: 9 }, (_, i) => `<line x1="0" y1="${680 + i * 60}" x2="${VIEW_W}" y2="${680 + i * 60}" stroke="#c7c0b0" stroke-width="3"/>`).join('')}
<polygon points="380,470 800,380 1220,470" fill="#f4f4f4" stroke="#c8221b" stroke-width="6"/>
<rect x="400" y="550" width="20" height="260" fill="#999"/><rect x="1180" y="550" width="20" height="260" fill="#999"/>
${bannerRect(banner)}
<rect x="520" y="720" width="560" height="70" fill="#2f6fb3"/>
${crowd(v, 980, 8, 1.5, 4)}`;
      return { svg, banner };
    }
    case 'hall': {
      const banner = { x: 260, y: 150, width: 1080, height: 110 };
      const chairs = Array.from({ length: 3 }, (_, r) =>
        Array.from({ length: 9 }, (_, c) => `<rect x="${180 + c * 140}" y="${820 + r * 110}" width="90" height="60" rx="10" fill="#7b4a2a"/>`).join(''),
      ).join('');
      const heads = Array.from({ length: 14 }, (_, i) =>
        `<circle cx="${210 + (i % 9) * 140}" cy="${800 + Math.floor(i / 9) * 110}" r="30" fill="#2b2b2b"/>`,
      ).join('');
      const svg = `<rect width="${VIEW_W}" height="${VIEW_H}" fill="#efe6d8"/>
<rect y="760" width="${VIEW_W}" height="${VIEW_H - 760}" fill="#b98b5e"/>
<rect x="200" y="110" width="1200" height="520" fill="#b3261e"/>
<rect x="230" y="290" width="1140" height="310" fill="#d9473d" fill-opacity="0.6"/>
${bannerRect(banner)}
<rect x="700" y="560" width="200" height="200" fill="#8a5a35"/>
${person(800, 640, 1.1, v, 900, true)}
${chairs}${heads}`;
      return { svg, banner };
    }
    case 'street': {
      const banner = { x: 300, y: 420, width: 1000, height: 80 };
      const bins = ['#2e7d32', '#1565c0', '#c62828', '#616161']
        .map((c, i) => `<rect x="${980 + i * 120}" y="760" width="100" height="150" rx="8" fill="${c}"/><rect x="${975 + i * 120}" y="745" width="110" height="25" rx="6" fill="${c}" fill-opacity="0.8"/>`)
        .join('');
      const svg = `${sky(v)}${buildings(v, 700)}
${bannerRect(banner)}
<rect y="700" width="${VIEW_W}" height="${VIEW_H - 700}" fill="#bdbdbd"/>
<rect y="900" width="${VIEW_W}" height="${VIEW_H - 900}" fill="#8d8d8d"/>
${tree(120, 900, 1.3)}${tree(1500, 900, 1.2)}
${bins}
${crowd(v, 1060, 5, 1.6, 3)}`;
      return { svg, banner };
    }
    case 'garden': {
      const banner = { x: 350, y: 380, width: 900, height: 90 };
      const flowers = Array.from({ length: 24 }, (_, i) =>
        `<circle cx="${between(v, 600 + i, 40, 1560)}" cy="${between(v, 700 + i, 860, 1180)}" r="14" fill="${['#ff8fab', '#ffd166', '#f4f1de'][i % 3]}"/>`,
      ).join('');
      const svg = `${sky(v)}
<rect y="600" width="${VIEW_W}" height="${VIEW_H - 600}" fill="#8cc474"/>
${tree(180, 760, 1.8)}${tree(1420, 760, 1.7)}${tree(800, 640, 0.9)}
<rect x="330" y="360" width="940" height="360" fill="#f7f7f7" stroke="#999" stroke-width="6"/>
${bannerRect(banner)}
${flowers}
${crowd(v, 1050, 10, 1.35, 6)}`;
      return { svg, banner };
    }
    case 'classroom': {
      const banner = { x: 300, y: 70, width: 1000, height: 80 };
      const desks = Array.from({ length: 8 }, (_, i) =>
        `<rect x="${150 + (i % 4) * 340}" y="${830 + Math.floor(i / 4) * 170}" width="260" height="60" fill="#c98f56"/>`,
      ).join('');
      const kids = Array.from({ length: 8 }, (_, i) => person(280 + (i % 4) * 340, 830 + Math.floor(i / 4) * 170, 0.8, v, 1000 + i * 3, false)).join('');
      const svg = `<rect width="${VIEW_W}" height="${VIEW_H}" fill="#f3efe3"/>
<rect y="780" width="${VIEW_W}" height="${VIEW_H - 780}" fill="#c8b28f"/>
${bannerRect(banner)}
<rect x="300" y="190" width="1000" height="420" fill="#2f4f3f" stroke="#6b4b2b" stroke-width="14"/>
<line x1="380" y1="300" x2="900" y2="300" stroke="#f5f5f5" stroke-width="6" stroke-opacity="0.7"/>
<line x1="380" y1="380" x2="1100" y2="380" stroke="#f5f5f5" stroke-width="6" stroke-opacity="0.7"/>
<line x1="380" y1="460" x2="800" y2="460" stroke="#f5f5f5" stroke-width="6" stroke-opacity="0.7"/>
${person(1390, 790, 1.2, v, 1100, true)}
${kids}${desks}`;
      return { svg, banner };
    }
  }
}

/** Text rendered with the bundled Chinese font, so the photos look the same on every machine. */
async function textImage(markup: string, pointSize: number, maxWidth: number): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp({
    text: { text: markup, fontfile: locateFont('sansBold'), font: `Noto Sans SC Bold ${Math.round(pointSize)}`, rgba: true, dpi: 72, width: Math.round(maxWidth) },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** EXIF "2025:03:05 09:30:00" from "2025-03-05T09:30:00". */
function exifDate(takenAt: string): string {
  return takenAt.replace('T', ' ').replace(/-/g, ':');
}

/** Decoded pixels of a drawn scene, before encoding; several photos can be encoded from one. */
export interface RawScene {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Draws the scene with its banner, tag, date imprint and grain, upright. */
export async function renderScene(options: PhotoOptions): Promise<RawScene> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1200;
  const k = width / VIEW_W;
  const { svg, banner } = scene(options.style, options.variant);
  const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${VIEW_W} ${VIEW_H}">${svg}
<rect x="30" y="30" width="${TAG.width}" height="${TAG.height}" rx="12" fill="#000000" fill-opacity="0.45"/></svg>`;

  const [bannerText, tag, stamp] = await Promise.all([
    // One line on the banner: a long name gets a smaller size (a CJK character is about as wide as its size).
    textImage(
      `<span foreground="#ffffff">${escapeMarkup(options.banner)}</span>`,
      Math.min(banner.height * 0.5, (banner.width * 0.92) / [...options.banner].length) * k,
      banner.width * k,
    ),
    textImage(`<span foreground="#ffffff">${DEMO_MARK}照片 SAMPLE</span>`, 40 * k, (TAG.width - 20) * k),
    textImage(`<span foreground="#ff9a2e">${options.takenAt.slice(0, 16).replace('T', ' ')}</span>`, 34 * k, 600 * k),
  ]);
  const overlays: OverlayOptions[] = [
    {
      input: bannerText.data,
      left: Math.round(banner.x * k + (banner.width * k - bannerText.width) / 2),
      top: Math.round(banner.y * k + (banner.height * k - bannerText.height) / 2),
    },
    { input: tag.data, left: Math.round(30 * k + (TAG.width * k - tag.width) / 2), top: Math.round(30 * k + (TAG.height * k - tag.height) / 2) },
    { input: stamp.data, left: Math.round(width - stamp.width - 40 * k), top: Math.round(height - stamp.height - 36 * k) },
  ];
  if (options.grain) {
    overlays.push({
      input: { create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: options.grain } } },
      blend: 'overlay',
    });
  }
  const { data, info } = await sharp(Buffer.from(drawing)).composite(overlays).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

/**
 * Encodes a scene as a camera JPEG with EXIF. `extra` is drawn on top first (the bench numbers its photos so that
 * each has its own content).
 */
export async function encodePhoto(
  raw: RawScene,
  options: Pick<PhotoOptions, 'takenAt' | 'sideways' | 'quality'>,
  extra: OverlayOptions[] = [],
): Promise<Buffer> {
  let pixels = raw;
  if (extra.length > 0) {
    // sharp rotates before it composites, so the overlay goes in a pass of its own.
    const { data, info } = await sharp(raw.data, { raw: raw.info }).composite(extra).raw().toBuffer({ resolveWithObject: true });
    pixels = { data, info: { width: info.width, height: info.height, channels: info.channels } };
  }
  let pipeline = sharp(pixels.data, { raw: pixels.info });
  if (options.sideways) pipeline = pipeline.rotate(270);
  const exif = {
    IFD0: { Make: 'Taizhang', Model: 'Demo Camera', Software: 'Taizhang demo' },
    IFD2: { DateTimeOriginal: exifDate(options.takenAt), DateTimeDigitized: exifDate(options.takenAt) },
  };
  return pipeline
    .jpeg({ quality: options.quality ?? 88 })
    .withMetadata({ orientation: options.sideways ? 6 : 1 })
    .withExif(exif)
    .toBuffer();
}

export async function renderSamplePhoto(options: PhotoOptions): Promise<Buffer> {
  return encodePhoto(await renderScene(options), options);
}

/** A label image (white on a dark box) to composite onto a photo. */
export async function labelImage(text: string, pointSize: number): Promise<Buffer> {
  const label = await textImage(`<span foreground="#ffffff" background="#000000a0">${escapeMarkup(text)}</span>`, pointSize, pointSize * text.length * 1.2);
  return label.data;
}
