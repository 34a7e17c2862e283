// Limits keyed by "the document the person typed", whether or not it exists, without storing the number:
// an HMAC with a server secret (a plain hash of a 10-digit number is reversed by trying them all).
import { createHmac } from 'node:crypto';
import type { DocumentId } from '../../domain/model';

export type SubjectKeyFn = (document: DocumentId) => string;

export function subjectKeyer(secret: string): SubjectKeyFn {
  return (document) => createHmac('sha256', secret).update(`${document.type}:${document.number}`).digest('hex').slice(0, 40);
}
