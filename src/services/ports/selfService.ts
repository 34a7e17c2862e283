// Ports of the self-service capabilities that have no home in repositories.ts: issued certificates
// (so GET /certificados/{code} can tell a genuine one) and the optional PDF of a PQRDS.
import type { StoredSupportFile } from '../../domain/model';

export type CertificateKind = 'affiliation' | 'family_nucleus';

export interface CertificateRecord {
  /** CERT-XXXX-XXXX-XXXX, printed on the document. */
  code: string;
  kind: CertificateKind;
  /** Whom the certificate is about. */
  affiliateId: string;
  /** Who asked for it (the logged-in affiliate: the same person or the head of the nucleus). */
  requestedByAffiliateId: string;
  issuedAt: Date;
  /** SHA-256 (hex) of the PDF bytes as issued: lets anyone holding the file compare it. */
  sha256: string;
}

export interface CertificateRepository {
  record(certificate: CertificateRecord): Promise<void>;
  findByCode(code: string): Promise<CertificateRecord | undefined>;
}

export interface PqrdsAttachment extends StoredSupportFile {
  id: string;
  pqrdsId: string;
}

export type NewPqrdsAttachment = Omit<PqrdsAttachment, 'id'>;

export interface PqrdsAttachmentRepository {
  add(attachment: NewPqrdsAttachment): Promise<PqrdsAttachment>;
  listByPqrds(pqrdsId: string): Promise<PqrdsAttachment[]>;
}


/**
 * Failed PQRDS lookups per petitioner document (keyed by an HMAC of the typed document, never the number):
 * following a PQRDS needs no login, so guessing codes for someone's document must be slow.
 */
/** What a failed-lookup count is keyed by: the petitioner's document, the conversation, the client's address. */
export type PqrdsLookupSubject = 'document' | 'conversation' | 'address';

export interface PqrdsLookupFailureLog {
  record(subjectKey: string, at: Date): Promise<void>;
  count(subjectKey: string, since: Date): Promise<number>;
}
