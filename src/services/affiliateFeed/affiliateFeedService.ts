// Creates and updates affiliates from the EPS's records, a batch at a time in one transaction.
// - Nucleus by the head's document: a head (naming itself) keeps or starts a nucleus; a member joins the
//   nucleus of the head it names, found in the same batch or already stored. A member whose head is not
//   known yet is handed back as `waitingForHead`, so a caller can retry it after the rest of the file.
// - A record equal to what is stored changes nothing (not even updated_at): a second run is "unchanged".
// - A status change to anything but activo ends the person's open sessions.
import type { Clock } from '../../domain/clock';
import type { Affiliate } from '../../domain/model';
import { timeOrderedId } from '../../domain/timeOrderedId';
import { AFFILIATE_FIELDS, type AffiliateRecord } from './affiliateRecord';
import type { AffiliateFeedStore, AffiliateFeedWriter, DocumentKey } from './ports';

export interface FeedLine {
  /** 1-based line number in the file or request (for the error list). */
  line: number;
  record: AffiliateRecord;
}

export interface LineError {
  line: number;
  code: string;
  message: string;
  field?: string;
}

export type LineOutcome = 'created' | 'updated' | 'unchanged';

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Per line, in input order, for lines that were applied. */
  outcomes: Array<{ line: number; outcome: LineOutcome; affiliate: Affiliate }>;
  errors: LineError[];
  /** Members whose head is not stored nor in this batch. */
  waitingForHead: FeedLine[];
}

// What a record can change: its fields (the document is the key) and the nucleus its head's document names.
const COMPARED_FIELDS: ReadonlyArray<keyof Affiliate> = [
  ...AFFILIATE_FIELDS.filter((f): f is Exclude<typeof f, 'documentType' | 'documentNumber' | 'headDocumentType' | 'headDocumentNumber'> =>
    !['documentType', 'documentNumber', 'headDocumentType', 'headDocumentNumber'].includes(f),
  ),
  'familyNucleusId',
  'headAffiliateId',
];

export function documentKey(type: string, number: string): string {
  return `${type}:${number}`;
}

function sameAffiliate(a: Affiliate, b: Affiliate): boolean {
  return COMPARED_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));
}

export const HEAD_NOT_FOUND = 'head_not_found';

export class AffiliateFeedService {
  constructor(
    private readonly deps: { store: AffiliateFeedStore; clock: Clock; newId?: () => string },
  ) {}

  referenceCodes() {
    return this.deps.store.referenceCodes();
  }

  /**
   * Applies the lines in one transaction. A document repeated in the batch is applied in order (the later
   * line wins), by splitting the batch where the repetition starts.
   */
  async applyBatch(lines: FeedLine[]): Promise<BatchResult> {
    const result: BatchResult = { created: 0, updated: 0, unchanged: 0, outcomes: [], errors: [], waitingForHead: [] };
    if (lines.length === 0) return result;
    const now = this.deps.clock.now();
    await this.deps.store.inTransaction(async (writer) => {
      let start = 0;
      while (start < lines.length) {
        const seen = new Set<string>();
        let end = start;
        while (end < lines.length) {
          const key = documentKey(lines[end]!.record.documentType, lines[end]!.record.documentNumber);
          if (seen.has(key)) break;
          seen.add(key);
          end += 1;
        }
        await this.applyDistinct(writer, lines.slice(start, end), now, result);
        start = end;
      }
    });
    result.outcomes.sort((a, b) => a.line - b.line);
    return result;
  }

  private async applyDistinct(writer: AffiliateFeedWriter, lines: FeedLine[], now: Date, result: BatchResult): Promise<void> {
    const keys = new Map<string, DocumentKey>();
    for (const { record } of lines) {
      keys.set(documentKey(record.documentType, record.documentNumber), { type: record.documentType, number: record.documentNumber });
      keys.set(documentKey(record.headDocumentType, record.headDocumentNumber), { type: record.headDocumentType, number: record.headDocumentNumber });
    }
    const stored = new Map<string, Affiliate>();
    for (const a of await writer.findByDocuments([...keys.values()])) stored.set(documentKey(a.documentType, a.documentNumber), a);

    const isHead = (r: AffiliateRecord) => r.relationship === 'cabeza';
    // Heads first: members of this batch may name them.
    const resolved = new Map<string, Affiliate>();
    const heads: Affiliate[] = [];
    const members: Affiliate[] = [];
    const endSessions: string[] = [];

    const settle = (line: FeedLine, next: Affiliate, before: Affiliate | undefined, into: Affiliate[]) => {
      resolved.set(documentKey(next.documentType, next.documentNumber), next);
      let outcome: LineOutcome;
      if (!before) {
        outcome = 'created';
        into.push(next);
      } else if (sameAffiliate(before, next)) {
        outcome = 'unchanged';
      } else {
        outcome = 'updated';
        into.push(next);
        if (before.status !== next.status && next.status !== 'activo') endSessions.push(next.id);
      }
      result[outcome] += 1;
      result.outcomes.push({ line: line.line, outcome, affiliate: outcome === 'unchanged' ? before! : next });
    };

    for (const line of lines.filter((l) => isHead(l.record))) {
      const before = stored.get(documentKey(line.record.documentType, line.record.documentNumber));
      const id = before?.id ?? this.newId();
      const wasHead = before !== undefined && before.headAffiliateId === before.id;
      const next = this.toAffiliate(line.record, id, wasHead ? before.familyNucleusId : this.newId(), id, now);
      settle(line, next, before, heads);
    }
    for (const line of lines.filter((l) => !isHead(l.record))) {
      const { record } = line;
      const headKey = documentKey(record.headDocumentType, record.headDocumentNumber);
      const head = resolved.get(headKey) ?? stored.get(headKey);
      if (!head) {
        result.waitingForHead.push(line);
        continue;
      }
      if (head.headAffiliateId !== head.id) {
        result.errors.push({
          line: line.line,
          code: 'head_not_head',
          field: 'headDocumentNumber',
          message: 'headDocumentNumber: esa persona no es cabeza de un núcleo familiar',
        });
        continue;
      }
      const before = stored.get(documentKey(record.documentType, record.documentNumber));
      const next = this.toAffiliate(record, before?.id ?? this.newId(), head.familyNucleusId, head.id, now);
      settle(line, next, before, members);
    }
    if (heads.length > 0) await writer.upsert(heads, now);
    if (members.length > 0) await writer.upsert(members, now);
    if (endSessions.length > 0) await writer.endSessions(endSessions, now);
  }

  private newId(): string {
    // Time-ordered: a batch's new rows and nuclei sit together in the indexes (see timeOrderedId).
    return (this.deps.newId ?? timeOrderedId)();
  }

  private toAffiliate(r: AffiliateRecord, id: string, familyNucleusId: string, headAffiliateId: string, now: Date): Affiliate {
    return {
      id,
      documentType: r.documentType,
      documentNumber: r.documentNumber,
      firstNames: r.firstNames,
      lastNames: r.lastNames,
      birthDate: r.birthDate,
      sex: r.sex,
      regime: r.regime,
      affiliateType: r.affiliateType,
      status: r.status,
      mobile: r.mobile,
      email: r.email,
      address: r.address,
      municipalityCode: r.municipalityCode,
      documentIssueDate: r.documentIssueDate,
      affiliationDate: r.affiliationDate,
      ipsCode: r.ipsCode,
      familyNucleusId,
      headAffiliateId,
      relationship: r.relationship,
      updatedAt: now,
    };
  }
}

/** The error a member gets when its head never turned up. */
export function headNotFound(line: FeedLine): LineError {
  return {
    line: line.line,
    code: HEAD_NOT_FOUND,
    field: 'headDocumentNumber',
    message: 'headDocumentNumber: la cabeza del núcleo no existe; envíala antes o en el mismo lote',
  };
}
