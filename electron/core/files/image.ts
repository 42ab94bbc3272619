import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import { TaizhangError } from '../../../shared/errors.js';
import { heicDimensions } from './heic-header.js';

/**
 * Largest image we decode. A 200-megapixel phone photo fits; a "decompression bomb" (a small file declaring a
 * gigantic canvas) does not, and is refused from its header before any pixel is decoded.
 */
export const MAX_IMAGE_PIXELS = 250_000_000;
export const THUMB_SIZE = 320;
export const PRINT_LONG_SIDE = 1600;

export interface ImageInfo {
  /** Displayed size, after EXIF orientation is applied. */
  width: number;
  height: number;
  orientation: number | null;
  /** "2024-03-05T09:30:00", the camera's local time as written in EXIF. */
  exifDate: string | null;
  camera: string | null;
  /** EXIF Artist: who took the photo, when the camera was told. */
  artist: string | null;
}

export interface ImageDerivatives {
  thumb: Buffer;
  print: Buffer;
}

const decodeOptions = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' } as const;

/** Reads dimensions and EXIF without decoding pixels; refuses oversized canvases. */
export async function inspectImage(source: Buffer | string): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    // The header read needs no pixel limit; the check below gives a clearer message than libvips would.
    meta = await sharp(source, { limitInputPixels: false }).metadata();
  } catch {
    throw new TaizhangError('bad_file', '图片无法识别或已损坏 / The image cannot be read');
  }
  const { width, height } = meta;
  if (!width || !height) throw new TaizhangError('bad_file', '图片没有尺寸信息，可能已损坏 / The image has no dimensions');
  refuseOversized(width, height);
  const orientation = meta.orientation ?? null;
  const swapped = orientation !== null && orientation >= 5 && orientation <= 8;
  const exif = await readExif(source);
  return { width: swapped ? height : width, height: swapped ? width : height, orientation, ...exif };
}

function refuseOversized(width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new TaizhangError(
      'bad_file',
      `图片尺寸过大（${width}×${height}），可能是恶意文件，未解码 / Image too large to decode safely (${width}×${height})`,
    );
  }
}

export async function readExif(source: Buffer | string): Promise<Pick<ImageInfo, 'exifDate' | 'camera' | 'artist'>> {
  let tags: Record<string, unknown> | undefined;
  try {
    // Raw values: exifr would turn "2024:03:05 09:30:00" into a Date in this machine's zone and shift the day.
    tags = (await exifr.parse(source, { pick: ['DateTimeOriginal', 'CreateDate', 'Make', 'Model', 'Artist'], reviveValues: false })) as
      | Record<string, unknown>
      | undefined;
  } catch {
    return { exifDate: null, camera: null, artist: null };
  }
  const rawDate = [tags?.DateTimeOriginal, tags?.CreateDate].find((v): v is string => typeof v === 'string');
  const m = rawDate ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(rawDate) : null;
  const exifDate = m && m[1] !== '0000' ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null;
  const make = typeof tags?.Make === 'string' ? tags.Make.trim() : '';
  const model = typeof tags?.Model === 'string' ? tags.Model.trim() : '';
  const camera = model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`.trim();
  // Control characters and padding some cameras write are not part of a name.
  const artist = typeof tags?.Artist === 'string' ? tags.Artist.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100) : '';
  return { exifDate, camera: camera || null, artist: artist || null };
}

/**
 * The thumbnail and the print-size JPEG of a photo: turned upright from EXIF, transparent areas on white, CMYK and
 * other colour spaces converted to sRGB so that a binder prints what the clerk saw. The original is decoded once, for
 * the print image; the thumbnail is made from the print JPEG, which libvips decodes at a quarter of its size (measured
 * faster than keeping the print's pixels raw, and than a second decode of the original).
 */
export async function makeDerivatives(source: Buffer | string): Promise<ImageDerivatives> {
  try {
    const print = await sharp(source, decodeOptions)
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize({ width: PRINT_LONG_SIDE, height: PRINT_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 88 })
      .toBuffer();
    const thumb = await sharp(print).resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer();
    return { thumb, print };
  } catch {
    throw new TaizhangError('bad_file', '图片数据已损坏，无法解码 / The image data is damaged and cannot be decoded');
  }
}

/** Phones save HEIC (HEVC), which sharp's bundled libvips cannot decode; it is converted to JPEG first. */
export async function heicToJpeg(bytes: Buffer): Promise<Buffer> {
  // The size the container declares decides first: the decoder would allocate the whole canvas before failing.
  const size = heicDimensions(bytes);
  if (!size || !size.width || !size.height) throw new TaizhangError('bad_file', 'HEIC 照片无法解码（文件中没有尺寸信息，可能已损坏） / The HEIC photo cannot be decoded (it declares no size)');
  refuseOversized(size.width, size.height);
  // Loaded on first use: the HEVC decoder is large and only phone photos need it.
  const { default: convert } = await import('heic-convert');
  const restore = decoderLogsToStderr();
  try {
    return Buffer.from(await convert({ buffer: bytes, format: 'JPEG', quality: 0.92 }));
  } catch {
    throw new TaizhangError('bad_file', 'HEIC 照片无法解码 / The HEIC photo cannot be decoded');
  } finally {
    restore();
  }
}

let quieted = 0;
let saved: Pick<Console, 'log' | 'info'> | null = null;

/**
 * The HEVC decoder (compiled with Emscripten) prints through console.log; stdout is the CLI's --json channel, so
 * while any decode runs those lines go to stderr instead.
 */
function decoderLogsToStderr(): () => void {
  if (quieted++ === 0) {
    const { log, info } = console;
    saved = { log, info };
    const toStderr = (...args: unknown[]): void => void process.stderr.write(`${args.map(String).join(' ')}\n`);
    Object.assign(console, { log: toStderr, info: toStderr });
  }
  return () => {
    if (--quieted === 0 && saved) Object.assign(console, saved);
  };
}
