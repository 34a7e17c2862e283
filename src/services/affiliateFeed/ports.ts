// Storage the affiliate feed needs: batch reads and writes inside one transaction, the reference codes
// records must point at, and when a person's sessions were last ended by a change of status.
import type { Affiliate, AffiliateStatus, DocumentTypeCode } from '../../domain/model';
import type { ReferenceCodes } from './affiliateRecord';

export interface DocumentKey {
  type: DocumentTypeCode;
  number: string;
}

export interface AffiliateFeedWriter {
  findByDocuments(keys: DocumentKey[]): Promise<Affiliate[]>;
  /** Inserts new affiliates and replaces existing ones (matched by document); ids of existing rows are kept. */
  upsert(affiliates: Affiliate[], now: Date): Promise<void>;
  /** Stamps that these people's open sessions end now (the bot checks the stamp on their next message). */
  endSessions(affiliateIds: string[], now: Date): Promise<void>;
}

export interface AffiliateFeedStore {
  referenceCodes(): Promise<ReferenceCodes>;
  /** Runs the work in one transaction: all of it is written, or none. */
  inTransaction<T>(work: (writer: AffiliateFeedWriter) => Promise<T>): Promise<T>;
}

/** What a logged-in conversation checks on each message. */
export interface SessionStanding {
  status: AffiliateStatus;
  sessionsEndedAt?: Date;
}

export interface SessionStandingReader {
  standing(affiliateId: string): Promise<SessionStanding | undefined>;
}
