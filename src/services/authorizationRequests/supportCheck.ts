// The check every support passes, when it arrives (the dialog says why a file is refused) and again at
// filing (the service trusts nobody): size within the limit, then the bytes themselves inspected as a
// PDF. The name and the declared type are never part of the decision.
import type { PhotoProblem } from '../media/photoPageMaker';
import { inspectPdf, type PdfInspection, PdfRefusalReason } from '../pdfInspection';
import { StagedFiles } from './ports';

export const MAX_SUPPORT_BYTES = 15 * 1024 * 1024;
export const MAX_SUPPORT_MB = 15;

export type SupportProblem =
  | 'not_pdf'
  | 'too_large'
  | 'empty'
  | 'encrypted'
  | 'active_content'
  | 'damaged'
  | 'unavailable'
  /** Too many files being checked right now: send it again in a moment. */
  | 'busy'
  | PhotoProblem;

export type SupportCheck = { ok: true; size: number; sha256: string; pages?: number } | { ok: false; problem: SupportProblem };

export type SupportChecker = (stagedId: string) => Promise<SupportCheck>;

/** What the PDF inspection says of the bytes. */
export type PdfVerdict = { ok: true; pages?: number } | { ok: false; problem: PdfProblem };

type PdfProblem = 'not_pdf' | 'too_large' | 'empty' | 'encrypted' | 'active_content' | 'damaged' | 'busy';

export type PdfInspector = (bytes: Buffer) => Promise<PdfVerdict>;

/** What the user is told for each refusal of the inspection: a cut file and an unparsable one read the same to them. */
const PROBLEM_OF: Record<PdfRefusalReason, PdfProblem> = {
  not_pdf: 'not_pdf',
  too_large: 'too_large',
  empty: 'empty',
  truncated: 'damaged',
  unreadable: 'damaged',
  encrypted: 'encrypted',
  active_content: 'active_content',
  busy: 'busy',
};

export function pdfVerdictOf(inspection: PdfInspection): PdfVerdict {
  return inspection.ok ? { ok: true, pages: inspection.pages } : { ok: false, problem: PROBLEM_OF[inspection.reason] };
}

/**
 * The inspection in the calling thread, with the supports' limit: for tests of the services. The
 * server passes PdfInspectionPool (a worker thread) instead.
 */
export const inspectSupportPdf: PdfInspector = async (bytes) => pdfVerdictOf(await inspectPdf(bytes, { maxBytes: MAX_SUPPORT_BYTES }));

/** A staged upload read whole, within the limit; or why it could not be. */
export async function readStagedSupport(
  staged: Pick<StagedFiles, 'stat' | 'read'>,
  stagedId: string,
  maxBytes = MAX_SUPPORT_BYTES,
): Promise<{ ok: true; size: number; sha256: string; bytes: Buffer } | { ok: false; problem: 'unavailable' | 'too_large' }> {
  const info = await staged.stat(stagedId);
  if (!info) return { ok: false, problem: 'unavailable' };
  // Channels enforce the limit while streaming; this catches one that staged with a larger limit.
  if (info.size > maxBytes) return { ok: false, problem: 'too_large' };
  let bytes: Buffer;
  try {
    bytes = await staged.read(stagedId);
  } catch {
    return { ok: false, problem: 'unavailable' };
  }
  if (bytes.length !== info.size) return { ok: false, problem: 'unavailable' };
  return { ok: true, size: info.size, sha256: info.sha256, bytes };
}

export function createSupportChecker(
  staged: Pick<StagedFiles, 'stat' | 'read'>,
  inspect: PdfInspector = inspectSupportPdf,
  maxBytes = MAX_SUPPORT_BYTES,
): SupportChecker {
  return async (stagedId) => {
    const file = await readStagedSupport(staged, stagedId, maxBytes);
    if (!file.ok) return file;
    const verdict = await inspect(file.bytes);
    if (!verdict.ok) return verdict;
    return { ok: true, size: file.size, sha256: file.sha256, pages: verdict.pages };
  };
}
