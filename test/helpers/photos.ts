// Photos for the suites that accept supports, made with sharp itself (no binary fixtures): a phone photo
// of a medical order with EXIF (camera, GPS position, a rotation flag), and the images that must be
// refused. Results are cached per process.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { cached } from './cached';


export const CAMERA_MAKE = 'FotoPhone';
export const CAMERA_MODEL = 'Modelo X12';

/**
 * A photo as a phone stores it when held upright: the sensor's landscape pixels (left half red, right half
 * blue) and EXIF orientation 6 ("turn 90° clockwise to show"). Shown upright it is a portrait page, red on
 * top, blue below. The EXIF also carries the camera and a GPS position (Barranquilla), as phones write it.
 */
export function phonePhoto(width = 1600, height = 1200): Promise<Buffer> {
  return cached(`photo:phone:${width}x${height}`, async () =>
    sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
      .composite([{ input: { create: { width: width / 2, height, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: CAMERA_MAKE, Model: CAMERA_MODEL, Orientation: '6', DateTime: '2026:11:20 08:15:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '10/1 57/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '74/1 47/1 0/1' },
      })
      .jpeg({ quality: 80 })
      .toBuffer(),
  );
}

/** Whether a JPEG's EXIF has a GPS block (the GPS IFD pointer, tag 0x8825, in either byte order). */
export async function hasGpsExif(jpeg: Buffer): Promise<boolean> {
  const { exif } = await sharp(jpeg).metadata();
  return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}

/** A plain photo in another format (PNG, WebP, AVIF as the HEIF sharp can write), 900×1200. */
export function photoAs(format: 'png' | 'webp' | 'avif'): Promise<Buffer> {
  return cached(`photo:as:${format}`, async () => sharp({ create: { width: 900, height: 1200, channels: 3, background: '#d0d0d0' } }).toFormat(format).toBuffer());
}

/** A 1×1 PNG: an image, but nothing readable in it. */
export function onePixelPng(): Promise<Buffer> {
  return cached('photo:1x1', async () => sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).png().toBuffer());
}

/**
 * A PNG declaring 50,000 × 50,000 pixels (2.5 gigapixels, 7.5 GB decoded) in a few hundred bytes: the
 * header of a decompression bomb. Its data holds only the first rows: a decoder that trusts the header
 * and starts allocating is what it attacks; the pixel count must be refused before decoding.
 */
export function pngBomb(side = 50_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc(4 * (side + 1), 0));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

/** A real photo cut at 60 % of its bytes, as an interrupted download leaves it. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** A two-frame animated GIF, 800×800. */
export function animatedGif(): Promise<Buffer> {
  return cached('photo:gif', async () => {
    const frame = (colour: string) => sharp({ create: { width: 800, height: 800, channels: 3, background: colour } }).png().toBuffer();
    return sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
      .gif({ delay: [300, 300] })
      .toBuffer();
  });
}

/** The JPEG images embedded in a PDF (DCTDecode streams), in order: what a reader shows on each page. */
export function jpegsInPdf(pdf: Buffer): Buffer[] {
  const found: Buffer[] = [];
  let from = 0;
  for (;;) {
    const filter = pdf.indexOf('/DCTDecode', from, 'latin1');
    if (filter < 0) return found;
    const start = pdf.indexOf('stream', filter, 'latin1');
    const dataStart = start + (pdf[start + 6] === 0x0d ? 8 : 7);
    const end = pdf.indexOf('endstream', dataStart, 'latin1');
    found.push(pdf.subarray(dataStart, end).subarray(0, pdf.subarray(dataStart, end).lastIndexOf(Buffer.from([0xff, 0xd9])) + 2));
    from = end;
  }
}

/** The colour (r, g, b) of one pixel of an image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
}

/**
 * What a reader of a PDF made from phonePhoto() sees and what the file still carries: the first page
 * image's size and colours, any metadata, and any trace of the camera, GPS or the photo's date.
 */
export async function photoPdfFacts(pdf: Buffer) {
  const [page] = jpegsInPdf(pdf);
  const meta = await sharp(page).metadata();
  const colour = ([r, g, b]: number[]) => (r > 200 && g < 60 && b < 60 ? 'red' : b > 200 && r < 60 && g < 60 ? 'blue' : 'other');
  return {
    isPdf: pdf.subarray(0, 5).toString('latin1') === '%PDF-',
    size: [meta.width, meta.height],
    top: colour(await pixelAt(page, Math.floor(meta.width / 2), 20)),
    bottom: colour(await pixelAt(page, Math.floor(meta.width / 2), meta.height - 20)),
    exif: meta.exif !== undefined,
    xmp: meta.xmp !== undefined,
    orientation: meta.orientation,
    traces: [CAMERA_MAKE, CAMERA_MODEL, 'Exif', 'xmpmeta', '2026:11:20'].filter((trace) => pdf.includes(trace)),
  };
}

/** photoPdfFacts of phonePhoto() turned upright and cleaned. */
export const UPRIGHT_CLEAN_PHOTO_PDF = {
  isPdf: true,
  size: [1200, 1600],
  top: 'red',
  bottom: 'blue',
  exif: false,
  xmp: false,
  orientation: undefined,
  traces: [],
};
