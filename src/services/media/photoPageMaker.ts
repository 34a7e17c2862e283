// Turns a photo of a paper (a medical order, a formula) into one clean page image: decoded by sharp
// (libvips, on libuv's threads, never on the event loop), turned upright from its EXIF orientation,
// scaled so its longest side is at most about 2,000 px (readable, and a few hundred KB), flattened on
// white, and re-encoded as a JPEG without any metadata (sharp writes none unless asked: no GPS position,
// camera or dates survive). What cannot be read is refused with a reason before anything is decoded
// where possible: the pixel count is checked from the header, so a decompression bomb costs nothing.
import { availableParallelism } from 'node:os';
import type sharpModule from 'sharp';
import { Semaphore } from '../offload/semaphore';
import type { ImageKind } from './fileKind';

export type PhotoProblem =
  | 'image_too_small' // too few pixels on the shorter side to read a medical order
  | 'image_too_large' // more pixels than any phone camera makes: a decompression bomb
  | 'image_damaged' // corrupt or cut short
  | 'image_animated' // several frames (GIF, animated WebP): not a photo of a paper
  | 'image_unsupported' // an image format this server's decoder cannot open (HEVC-coded HEIC)
  | 'busy';

export type PhotoPageResult = { ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; problem: PhotoProblem; detail?: string };

export interface PhotoPageLimits {
  /** Pixels the header may declare (width × height); 50 MP covers any phone camera. */
  maxPixels: number;
  /** Pixels on the shorter side, once upright. */
  minShortSide: number;
  /** The page image's longest side. */
  maxLongSide: number;
  /** One conversion's time limit (libvips stops the pipeline). */
  timeoutSeconds: number;
  /** Conversions at once (each holds a libuv thread and up to ~200 MB while decoding a large photo). */
  concurrency: number;
  /** Conversions waiting; one more is refused as busy. */
  maxQueue: number;
}

export const DEFAULT_PHOTO_LIMITS: PhotoPageLimits = {
  maxPixels: 50_000_000,
  minShortSide: 600,
  maxLongSide: 2000,
  timeoutSeconds: 10,
  concurrency: 1,
  maxQueue: 8,
};

type Sharp = typeof sharpModule;
let loaded: Promise<Sharp> | undefined;

/**
 * sharp (libvips) is loaded with the first photo, not at start: a server that never receives one keeps
 * ~8 MB of resident memory (README, performance: RSS with 10,000 conversations).
 */
function loadSharp(): Promise<Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    // Untrusted inputs: no libvips operation cache (it would keep decoded images of one user for the next).
    sharp.cache(false);
    // libvips starts one thread per core for each image; leave a core to the event loop that answers
    // everyone else (a 2-core server gets one libvips thread).
    sharp.concurrency(Math.max(1, availableParallelism() - 1));
    return sharp;
  });
  return loaded;
}

export class PhotoPageMaker {
  private readonly slots: Semaphore;

  constructor(private readonly limits: PhotoPageLimits = DEFAULT_PHOTO_LIMITS) {
    this.slots = new Semaphore(limits.concurrency, limits.maxQueue);
  }

  async pageOf(bytes: Buffer, kind: ImageKind): Promise<PhotoPageResult> {
    const release = await this.slots.acquire();
    if (!release) return { ok: false, problem: 'busy' };
    try {
      return await this.convert(bytes, kind);
    } finally {
      release();
    }
  }

  /** Width and height of a page image made here (header only). */
  async sizeOf(jpeg: Buffer): Promise<{ width: number; height: number } | undefined> {
    try {
      const sharp = await loadSharp();
      const { width, height } = await sharp(jpeg, { limitInputPixels: this.limits.maxPixels }).metadata();
      return width && height ? { width, height } : undefined;
    } catch {
      return undefined;
    }
  }

  private async convert(bytes: Buffer, kind: ImageKind): Promise<PhotoPageResult> {
    const { maxPixels, minShortSide, maxLongSide, timeoutSeconds } = this.limits;
    const sharp = await loadSharp();
    const options: sharpModule.SharpOptions = { limitInputPixels: maxPixels, failOn: 'truncated', animated: false };
    let header: sharpModule.Metadata;
    try {
      // Reads the header only.
      header = await sharp(bytes, options).metadata();
    } catch (error) {
      return refusal(error, kind);
    }
    const { width, height } = header;
    if (!width || !height) return { ok: false, problem: 'image_damaged', detail: 'no dimensions' };
    if (width * height > maxPixels) return { ok: false, problem: 'image_too_large', detail: `${width}x${height}` };
    if ((header.pages ?? 1) > 1) return { ok: false, problem: 'image_animated', detail: `${header.pages} frames` };
    if (Math.min(width, height) < minShortSide) return { ok: false, problem: 'image_too_small', detail: `${width}x${height}` };
    try {
      const { data, info } = await sharp(bytes, options)
        .rotate()
        .resize({ width: maxLongSide, height: maxLongSide, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .jpeg({ quality: 82, chromaSubsampling: '4:2:0' })
        .timeout({ seconds: timeoutSeconds })
        .toBuffer({ resolveWithObject: true });
      return { ok: true, jpeg: data, width: info.width, height: info.height };
    } catch (error) {
      return refusal(error, kind);
    }
  }
}

/** libvips' messages, sorted into what the user is told. */
function refusal(error: unknown, kind: ImageKind): PhotoPageResult {
  const message = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(message)) return { ok: false, problem: 'image_too_large', detail: 'pixel limit' };
  if (/timeout/i.test(message)) return { ok: false, problem: 'image_damaged', detail: 'timeout' };
  // Prebuilt libvips opens HEIF only with AV1 (AVIF): iPhone HEIC photos (HEVC) are refused as such.
  // libheif says "Unsupported feature: Unsupported codec" for those; a broken file reads "Invalid input".
  if (kind === 'heif' && /unsupported|codec|decoder/i.test(message)) return { ok: false, problem: 'image_unsupported', detail: 'heif codec' };
  return { ok: false, problem: 'image_damaged', detail: 'decode' };
}
