// Where a file a user sent for a support (authorization requests, PQRDS) is taken in: a PDF goes to the
// PDF check as it is; a photo (JPEG, PNG, WebP, HEIF, judged by its bytes) becomes a one-page PDF first,
// which then passes the very same check and takes the photo's place in the staging area (same id: the
// agent console, which lists what the user sent, then offers the PDF; the photo and its metadata are gone). Photos sent one
// after another for the same document can later be joined into one PDF with a page each.
import type { Clock } from '../../domain/clock';
import { asPdfName } from '../../domain/fileNames';
import { readStagedSupport, type SupportChecker, type SupportProblem } from '../authorizationRequests/supportCheck';
import type { StagedFileInfo } from '../../storage/stagedFileStore';
import { fileKindOf } from './fileKind';
import { pagesToPdf, type PageImage } from './pagesToPdf';
import type { PhotoPageMaker } from './photoPageMaker';

export type SupportReceipt =
  | {
      ok: true;
      /** The staged PDF (for a photo: the PDF made from it, not the photo). */
      stagedId: string;
      size: number;
      sha256: string;
      pages?: number;
      /** Set when the support was made from a photo: the staged page image, to join with others later. */
      photoPageId?: string;
    }
  | { ok: false; problem: SupportProblem };

export interface SupportIntake {
  /** Checks a staged upload; a photo is converted and replaced by its PDF under the same id. */
  receive(stagedId: string): Promise<SupportReceipt>;
  /** One PDF with a page per photo (page images from earlier receipts, in order). */
  joinPhotos(photoPageIds: string[]): Promise<SupportReceipt>;
}

/** The part of the staging area (src/storage/stagedFileStore.ts) the intake uses. */
export interface IntakeStaging {
  stat(id: string): Promise<StagedFileInfo | undefined>;
  read(id: string): Promise<Buffer>;
  put(source: Buffer, meta?: { maxBytes?: number; declaredType?: string; declaredName?: string }): Promise<StagedFileInfo>;
  replace(id: string, bytes: Buffer, meta?: { declaredType?: string; declaredName?: string }): Promise<StagedFileInfo>;
  /** Keeps a file from the quick sweep of files nobody asked for. */
  claim(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface SupportIntakeDeps {
  staged: IntakeStaging;
  /** The PDF check (size, then the inspection in its worker). */
  check: SupportChecker;
  photos: PhotoPageMaker;
  clock: Clock;
  maxBytes: number;
}

const PAGE_META_TYPE = 'image/jpeg';

export function createSupportIntake(deps: SupportIntakeDeps): SupportIntake {
  const { staged, check, photos, clock, maxBytes } = deps;

  /**
   * Stages a PDF made of page images (in place of the upload `replacing`, or as a new file) and checks it
   * like any PDF a user sent.
   */
  async function stagePdf(pages: PageImage[], name: string | undefined, replacing?: string): Promise<SupportReceipt> {
    const pdf = await pagesToPdf(pages, clock.now());
    if (pdf.length > maxBytes) return { ok: false, problem: 'too_large' };
    const meta = { declaredType: 'application/pdf', declaredName: name };
    const info = replacing ? await staged.replace(replacing, pdf, meta) : await staged.put(pdf, { maxBytes, ...meta });
    const verdict = await check(info.id);
    if (!verdict.ok) {
      await staged.remove(info.id);
      return verdict;
    }
    return { ok: true, stagedId: info.id, size: verdict.size, sha256: verdict.sha256, pages: verdict.pages };
  }

  async function pageFrom(id: string): Promise<PageImage | undefined> {
    const info = await staged.stat(id);
    if (!info) return undefined;
    const jpeg = await staged.read(id);
    const size = await photos.sizeOf(jpeg);
    return size && { jpeg, ...size };
  }

  return {
    async receive(stagedId) {
      const file = await readStagedSupport(staged, stagedId, maxBytes);
      if (!file.ok) return file;
      const kind = fileKindOf(file.bytes);
      if (kind === 'pdf' || kind === 'other') {
        const verdict = await check(stagedId);
        return verdict.ok ? { ...verdict, stagedId } : verdict;
      }
      const page = await photos.pageOf(file.bytes, kind);
      if (!page.ok) return { ok: false, problem: page.problem };
      const declaredName = (await staged.stat(stagedId))?.declaredName;
      // The user's name for it, with the extension of what it now is: "IMG_2031.jpg" → "IMG_2031.pdf".
      const pdf = await stagePdf([page], declaredName && asPdfName(declaredName), stagedId);
      if (!pdf.ok) return pdf;
      // The page image is kept (staged, swept like any upload) to join it with the next photos if asked.
      const pageInfo = await staged.put(page.jpeg, { maxBytes, declaredType: PAGE_META_TYPE });
      await staged.claim(pageInfo.id);
      return { ...pdf, photoPageId: pageInfo.id };
    },

    async joinPhotos(photoPageIds) {
      const pages: PageImage[] = [];
      for (const id of photoPageIds) {
        const page = await pageFrom(id);
        if (!page) return { ok: false, problem: 'unavailable' };
        pages.push(page);
      }
      return stagePdf(pages, undefined);
    },
  };
}
