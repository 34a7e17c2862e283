import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportChecker, MAX_SUPPORT_BYTES } from '../../../src/services/authorizationRequests/supportCheck';
import { PhotoPageMaker } from '../../../src/services/media/photoPageMaker';
import { createSupportIntake, SupportIntake } from '../../../src/services/media/supportIntake';
import { inspectPdf } from '../../../src/services/pdfInspection';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { fixedClock } from '../../helpers/clock';
import { smallPdf, textFileBytes } from '../../helpers/pdfCorpus';
import {
  animatedGif,
  CAMERA_MAKE,
  hasGpsExif,
  jpegsInPdf,
  onePixelPng,
  phonePhoto,
  photoAs,
  photoPdfFacts,
  pngBomb,
  truncatedJpeg,
  UPRIGHT_CLEAN_PHOTO_PDF,
} from '../../helpers/photos';

let dir: string;
let staged: StagedFileStore;
let intake: SupportIntake;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'intake-'));
  staged = new StagedFileStore(dir);
  const check = createSupportChecker(staged);
  intake = createSupportIntake({ staged, check, photos: new PhotoPageMaker(), clock: fixedClock('2026-11-27T15:00:00Z'), maxBytes: MAX_SUPPORT_BYTES });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const stage = async (bytes: Buffer, name = 'foto.jpg') => (await staged.put(bytes, { declaredName: name })).id;

describe('a phone photo becomes a PDF support', () => {
  it('upright (EXIF orientation applied), one page, with no EXIF, GPS, camera or XMP left', async () => {
    const photo = await phonePhoto();
    // The photo really carries what must disappear.
    expect(await hasGpsExif(photo)).toBe(true);
    expect(photo.includes(CAMERA_MAKE)).toBe(true);
    expect((await sharp(photo).metadata()).orientation).toBe(6);

    const photoId = await stage(photo, 'IMG_2031.jpg');
    const receipt = await intake.receive(photoId);
    expect(receipt).toMatchObject({ ok: true, pages: 1 });
    if (!receipt.ok) return;
    // The PDF takes the photo's place: same upload id (what the transcript and the console point at).
    expect(receipt.stagedId).toBe(photoId);
    const pdf = await staged.read(receipt.stagedId);
    expect((await staged.stat(photoId))?.sha256).toBe(receipt.sha256);
    expect(await inspectPdf(pdf)).toEqual({ ok: true, pages: 1 });
    expect(receipt.size).toBe(pdf.length);
    expect((await staged.stat(receipt.stagedId))?.declaredName).toBe('IMG_2031.pdf');
    // Portrait, red half on top (what the person saw on their phone), and nothing of the photo's metadata.
    expect(await photoPdfFacts(pdf)).toEqual(UPRIGHT_CLEAN_PHOTO_PDF);
  });

  it('scales a large photo so its longest side is 2,000 px', async () => {
    const receipt = await intake.receive(await stage(await phonePhoto(4000, 3000)));
    expect(receipt.ok).toBe(true);
    if (!receipt.ok) return;
    const meta = await sharp(jpegsInPdf(await staged.read(receipt.stagedId))[0]).metadata();
    expect([meta.width, meta.height]).toEqual([1500, 2000]);
  });

  it.each(['png', 'webp', 'avif'] as const)('accepts a %s photo, judged by its bytes (named .pdf here)', async (format) => {
    expect(await intake.receive(await stage(await photoAs(format), 'orden.pdf'))).toMatchObject({ ok: true, pages: 1 });
  });

  it('joins photos into one PDF with a page each, in order', async () => {
    const first = await intake.receive(await stage(await phonePhoto()));
    const second = await intake.receive(await stage(await photoAs('png')));
    if (!first.ok || !second.ok) throw new Error('photos refused');
    const both = await intake.joinPhotos([first.photoPageId!, second.photoPageId!]);
    expect(both).toMatchObject({ ok: true, pages: 2 });
    if (!both.ok) return;
    const pages = await Promise.all(jpegsInPdf(await staged.read(both.stagedId)).map((jpeg) => sharp(jpeg).metadata()));
    expect(pages.map((m) => [m.width, m.height])).toEqual([
      [1200, 1600],
      [900, 1200],
    ]);
  });

  it('leaves a PDF as it is: same staged file, inspected as a PDF', async () => {
    const id = await stage(await smallPdf(), 'orden.pdf');
    expect(await intake.receive(id)).toMatchObject({ ok: true, stagedId: id, pages: 3 });
  });
});

describe('images that cannot be read are refused with their reason', () => {
  it.each([
    ['a 1×1 PNG', onePixelPng, 'image_too_small'],
    ['a 50,000×50,000 PNG bomb (refused from its header)', async () => pngBomb(), 'image_too_large'],
    ['a truncated JPEG', truncatedJpeg, 'image_damaged'],
    ['an animated GIF', animatedGif, 'image_animated'],
    ['a text file', async () => textFileBytes(), 'not_pdf'],
  ])('%s', async (_name, build, problem) => {
    const id = await stage(await build());
    expect(await intake.receive(id)).toEqual({ ok: false, problem });
  });
});
