// The reasons a request may be refused, from data/rejectionReasons.json (the EPS edits that file).
import type { RejectionReason } from '../../domain/backOffice/requestDecision';
import { readReferenceText } from '../../domain/referenceData';

let cached: RejectionReason[] | undefined;

export function rejectionReasons(): RejectionReason[] {
  cached ??= (JSON.parse(readReferenceText('rejectionReasons.json')) as { reasons: RejectionReason[] }).reasons;
  return cached;
}
