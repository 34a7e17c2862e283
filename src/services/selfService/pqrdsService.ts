// PQRDS (as in the EPS's virtual office): anyone may follow a PQRDS with its code and the petitioner's document, no login
// needed, and file a new one in chat. A lookup reveals only what the virtual office shows (status, dates, answer) and
// answers the same "not found" whether the code does not exist or belongs to someone else's document.
import { pqrdsAnswerDue, type PqrdsRisk } from '../../domain/answerDue';
import type { ClientOrigin } from '../../domain/clientOrigin';
import type { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import {
  type DocumentId,
  formatPqrdsCode,
  type Pqrds,
  type PqrdsStatus,
  type PqrdsType,
  type IsoDate,
} from '../../domain/model';
import type { StagedFiles } from '../authorizationRequests/ports';
import type { SupportChecker } from '../authorizationRequests/supportCheck';
import type { SupportFileStore } from '../authorizationRequests/supportFileStore';
import type { AffiliateRepository, PqrdsRepository } from '../ports/repositories';
import type { NewPqrdsAttachment, PqrdsAttachmentRepository, PqrdsLookupFailureLog } from '../ports/selfService';

/** What a lookup discloses: nothing about the petitioner, nor the description. */
export interface PqrdsStatusView {
  code: string;
  type: PqrdsType;
  status: PqrdsStatus;
  filedAt: Date;
  dueAt: Date;
  answer?: string;
  answeredAt?: Date;
}

/** The optional PDF, as staged by the channel; the service checks it again and keeps it under UPLOAD_DIR. */
export interface PqrdsSupport {
  stagedId: string;
  /** Cleaned display name, shown back only. */
  name: string;
}

/** What filing with a support needs: the same check and store as authorization requests use. */
export interface PqrdsSupportDeps {
  check: SupportChecker;
  store: Pick<SupportFileStore, 'keep' | 'discard'>;
  staged: Pick<StagedFiles, 'open' | 'remove'>;
}

export interface NewPqrdsFiling {
  type: PqrdsType;
  /** Health risk the petitioner reported for a queja or reclamo; none means the 15-business-day term. */
  risk?: PqrdsRisk;
  petitioner: DocumentId;
  description: string;
  support?: PqrdsSupport;
}

export interface FiledPqrds {
  code: string;
  type: PqrdsType;
  dueDate: IsoDate;
  dueAt: Date;
  term: { amount: number; unit: 'business_days' | 'hours' };
}

export type PqrdsLookup = { found: true; pqrds: PqrdsStatusView } | { found: false; throttled: boolean };

/**
 * Failed lookups allowed per petitioner document and hour. Past it, lookups of that document wait an hour,
 * but only in conversations that failed themselves: a stranger's misses never lock the owner out.
 */
export const PQRDS_LOOKUP_FAILURES_PER_HOUR = 10;
/** Failed lookups allowed per conversation and per client address in an hour, whatever the documents. */
export const PQRDS_LOOKUP_FAILURES_PER_CONVERSATION = 5;
export const PQRDS_LOOKUP_FAILURES_PER_ADDRESS = 20;

export interface PqrdsOriginLimits {
  conversation: PqrdsLookupFailureLog;
  address: PqrdsLookupFailureLog;
  /** A keyed hash: conversation ids and addresses are not stored as they are. */
  key: (kind: string, value: string) => string;
}

export const PQRDS_DESCRIPTION_MIN = 20;
export const PQRDS_DESCRIPTION_MAX = 2000;

/**
 * "pqr 2026 123", "PQR-2026-000123", "pqr2026000123" → "PQR-2026-000123"; undefined when it cannot be a code.
 * People copy codes from SMS and paper: case, spaces, dashes and missing zeros do not matter.
 */
export function parsePqrdsCode(input: string): string | undefined {
  const m = /^\s*P\s*Q\s*R\s*[-\s]*(\d{4})\s*[-\s]*(\d{1,6})\s*$/i.exec(input);
  if (!m) return undefined;
  return formatPqrdsCode(Number(m[1]), Number(m[2]));
}

export function toStatusView(p: Pqrds): PqrdsStatusView {
  return {
    code: p.code,
    type: p.type,
    status: p.status,
    filedAt: p.createdAt,
    dueAt: p.dueAt,
    answer: p.answer,
    answeredAt: p.answeredAt,
  };
}

export class PqrdsService {
  constructor(
    private readonly deps: {
      pqrds: Pick<PqrdsRepository, 'findByCodeAndPetitioner' | 'create'>;
      attachments: Pick<PqrdsAttachmentRepository, 'add'>;
      clock: Clock;
      /** To file as the logged-in affiliate without asking her document. */
      affiliates?: Pick<AffiliateRepository, 'findById'>;
      /** Without it a PQRDS is filed without its PDF. */
      supports?: PqrdsSupportDeps;
      /** Optional guessing limit; without it lookups are unlimited (tests of other things). */
      failures?: { log: PqrdsLookupFailureLog; subjectKey: (document: DocumentId) => string; origins?: PqrdsOriginLimits };
    },
  ) {}

  /**
   * The PQRDS only when the code AND the petitioner's document match. An unknown code and someone else's
   * code give the same answer. Guessing is limited per conversation and per client address (when `origin`
   * is given) and per document; see the constants above for who each limit holds back.
   */
  async lookup(codeInput: string, petitioner: DocumentId, origin?: ClientOrigin): Promise<PqrdsLookup> {
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - 3_600_000);
    const failures = this.deps.failures;
    const key = failures?.subjectKey(petitioner);
    const origins = origin ? failures?.origins : undefined;
    const conversationKey = origins?.key('conversation', origin!.conversation);
    const addressKey = origins?.key('address', origin!.address);
    let conversationMisses = 0;
    if (origins) {
      conversationMisses = await origins.conversation.count(conversationKey!, since);
      if (conversationMisses >= PQRDS_LOOKUP_FAILURES_PER_CONVERSATION) return { found: false, throttled: true };
      if ((await origins.address.count(addressKey!, since)) >= PQRDS_LOOKUP_FAILURES_PER_ADDRESS) return { found: false, throttled: true };
    }
    // Without an origin (callers that cannot tell) the document limit holds for everyone, as before.
    const documentLimitApplies = !origins || conversationMisses > 0;
    if (key && documentLimitApplies && (await failures!.log.count(key, since)) >= PQRDS_LOOKUP_FAILURES_PER_HOUR) {
      return { found: false, throttled: true };
    }
    const code = parsePqrdsCode(codeInput);
    const found = code ? await this.deps.pqrds.findByCodeAndPetitioner(code, petitioner.type, petitioner.number) : undefined;
    if (found) return { found: true, pqrds: toStatusView(found) };
    if (key) await failures!.log.record(key, now);
    if (origins) {
      await origins.conversation.record(conversationKey!, now);
      await origins.address.record(addressKey!, now);
    }
    return { found: false, throttled: false };
  }

  /** The document a logged-in affiliate files with. */
  async petitionerOf(affiliateId: string): Promise<DocumentId | undefined> {
    const affiliate = await this.deps.affiliates?.findById(affiliateId);
    return affiliate ? { type: affiliate.documentType, number: affiliate.documentNumber } : undefined;
  }

  /** Throws DomainError('invalid_description' | 'support_<problem>') on what the dialog should have caught. */
  async file(filing: NewPqrdsFiling): Promise<FiledPqrds> {
    const description = filing.description.trim();
    if (description.length < PQRDS_DESCRIPTION_MIN || description.length > PQRDS_DESCRIPTION_MAX) {
      throw new DomainError('invalid_description');
    }
    const kept = filing.support ? await this.keepSupport(filing.support) : undefined;
    const now = this.deps.clock.now();
    const due = pqrdsAnswerDue(now, filing.type, filing.risk);
    try {
      const created = await this.deps.pqrds.create({
        type: filing.type,
        petitionerDocumentType: filing.petitioner.type,
        petitionerDocumentNumber: filing.petitioner.number,
        description,
        createdAt: now,
        dueAt: due.dueAt,
      });
      if (kept) await this.deps.attachments.add({ pqrdsId: created.id, createdAt: now, ...kept });
      if (filing.support) await this.deps.supports?.staged.remove(filing.support.stagedId);
      return { code: created.code, type: created.type, dueDate: due.dueDate, dueAt: due.dueAt, term: due.term };
    } catch (error) {
      if (kept) await this.deps.supports?.store.discard([kept.storedName]);
      throw error;
    }
  }

  /** Checks the staged PDF again (the service trusts no dialog) and copies it under a generated name. */
  private async keepSupport(support: PqrdsSupport): Promise<Omit<NewPqrdsAttachment, 'pqrdsId' | 'createdAt'>> {
    const deps = this.deps.supports;
    if (!deps) throw new DomainError('support_unavailable');
    const verdict = await deps.check(support.stagedId);
    if (!verdict.ok) throw new DomainError(`support_${verdict.problem}`);
    const stored = await deps.store.keep(deps.staged, support.stagedId);
    return { ...stored, originalName: support.name, contentType: 'application/pdf' };
  }
}
