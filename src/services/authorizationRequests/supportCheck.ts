// The check every support passes, when it arrives (the dialog says why a file is refused) and again at
// filing (the service trusts nobody): size within the limit, then the bytes themselves inspected as a
// PDF. The name and the declared type are never part of the decision.
import { inspectPdf, PdfRefusalReason } from '../pdfInspection';
import { StagedFiles } from './ports';

export const MAX_SUPPORT_BYTES = 15 * 1024 * 1024;
export const MAX_SUPPORT_MB = 15;

export type SupportProblem = 'not_pdf' | 'too_large' | 'empty' | 'encrypted' | 'active_content' | 'damaged' | 'unavailable';

export type SupportCheck = { ok: true; size: number; sha256: string; pages?: number } | { ok: false; problem: SupportProblem };

export type SupportChecker = (stagedId: string) => Promise<SupportCheck>;

/** What the PDF inspection says of the bytes. */
export type PdfVerdict = { ok: true; pages?: number } | { ok: false; problem: Exclude<SupportProblem, 'unavailable'> };

export type PdfInspector = (bytes: Buffer) => Promise<PdfVerdict>;

/** What the user is told for each refusal of the inspection: a cut file and an unparsable one read the same to them. */
const PROBLEM_OF: Record<PdfRefusalReason, Exclude<SupportProblem, 'unavailable'>> = {
  not_pdf: 'not_pdf',
  too_large: 'too_large',
  empty: 'empty',
  truncated: 'damaged',
  unreadable: 'damaged',
  encrypted: 'encrypted',
  active_content: 'active_content',
};

/** The real inspection (src/services/pdfInspection.ts) with the supports' limit. */
export const inspectSupportPdf: PdfInspector = async (bytes) => {
  const inspection = await inspectPdf(bytes, { maxBytes: MAX_SUPPORT_BYTES });
  return inspection.ok ? { ok: true, pages: inspection.pages } : { ok: false, problem: PROBLEM_OF[inspection.reason] };
};

export function createSupportChecker(
  staged: Pick<StagedFiles, 'stat' | 'read'>,
  inspect: PdfInspector = inspectSupportPdf,
  maxBytes = MAX_SUPPORT_BYTES,
): SupportChecker {
  return async (stagedId) => {
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
    const verdict = await inspect(bytes);
    if (!verdict.ok) return verdict;
    return { ok: true, size: info.size, sha256: info.sha256, pages: verdict.pages };
  };
}
