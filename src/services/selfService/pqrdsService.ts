// PQRDS (manual, section 11): anyone may follow a PQRDS with its code and the petitioner's document, no login
// needed, and file a new one in chat. A lookup reveals only what the manual shows (status, dates, answer) and
// answers the same "not found" whether the code does not exist or belongs to someone else's document.
import { pqrdsAnswerDue, type PqrdsRisk } from '../../domain/answerDue';
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
import type { PqrdsRepository } from '../ports/repositories';
import type { PqrdsAttachmentRepository } from '../ports/selfService';

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

/** A support already checked (a real, harmless PDF) and kept under UPLOAD_DIR by the support store. */
export interface KeptSupport {
  storedName: string;
  originalName: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
}

export interface NewPqrdsFiling {
  type: PqrdsType;
  /** Health risk the petitioner reported for a queja or reclamo; none means the 15-business-day term. */
  risk?: PqrdsRisk;
  petitioner: DocumentId;
  description: string;
  support?: KeptSupport;
}

export interface FiledPqrds {
  code: string;
  type: PqrdsType;
  dueDate: IsoDate;
  dueAt: Date;
  term: { amount: number; unit: 'business_days' | 'hours' };
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
    },
  ) {}

  /** The PQRDS only when the code AND the petitioner's document match. */
  async lookup(codeInput: string, petitioner: DocumentId): Promise<PqrdsStatusView | undefined> {
    const code = parsePqrdsCode(codeInput);
    if (!code) return undefined;
    const found = await this.deps.pqrds.findByCodeAndPetitioner(code, petitioner.type, petitioner.number);
    return found ? toStatusView(found) : undefined;
  }

  async file(filing: NewPqrdsFiling): Promise<FiledPqrds> {
    const description = filing.description.trim();
    if (description.length < PQRDS_DESCRIPTION_MIN || description.length > PQRDS_DESCRIPTION_MAX) {
      throw new DomainError('invalid_description');
    }
    const now = this.deps.clock.now();
    const due = pqrdsAnswerDue(now, filing.type, filing.risk);
    const created = await this.deps.pqrds.create({
      type: filing.type,
      petitionerDocumentType: filing.petitioner.type,
      petitionerDocumentNumber: filing.petitioner.number,
      description,
      createdAt: now,
      dueAt: due.dueAt,
    });
    if (filing.support) await this.deps.attachments.add({ pqrdsId: created.id, createdAt: now, ...filing.support });
    return { code: created.code, type: created.type, dueDate: due.dueDate, dueAt: due.dueAt, term: due.term };
  }
}
