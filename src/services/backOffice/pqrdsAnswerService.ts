// Answering and closing PQRDS from the back office or the integration API: the queue by legal due date,
// the answer committed with its audit line and the petitioner's notices (SMS, e-mail, chat) at once.
import { randomUUID } from 'node:crypto';
import type { DecisionActor } from '../../domain/backOffice/requestDecision';
import type { Clock } from '../../domain/clock';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Pqrds, PqrdsStatus } from '../../domain/model';
import type { Logger } from '../../observability/logger';
import type { PqrdsCursor, PqrdsQueueStore } from '../ports/backOffice';
import type { AccountRepository, AffiliateRepository } from '../ports/repositories';
import { noticeMessages } from './affiliateNotices';
import { pqrdsAnswerTexts } from './decisionTexts';
import { DecisionValidationError } from './requestDecisionService';

export const PQRDS_OPEN_STATUSES: readonly PqrdsStatus[] = ['radicada', 'en_tramite', 'respondida'];
export const ANSWER_MAX_CHARS = 4000;

/** radicada/en_tramite → respondida (answer) or cerrada (answer and close); respondida → cerrada. */
export function nextPqrdsStatus(current: PqrdsStatus, change: { answer: boolean; close: boolean }): PqrdsStatus | undefined {
  if (current === 'cerrada') return undefined;
  if (current === 'respondida') return change.close ? 'cerrada' : change.answer ? 'respondida' : undefined;
  if (!change.answer) return undefined;
  return change.close ? 'cerrada' : 'respondida';
}

export interface PqrdsAnswerDeps {
  store: PqrdsQueueStore;
  affiliates: Pick<AffiliateRepository, 'findByDocument'>;
  accounts: Pick<AccountRepository, 'findByAffiliateId'>;
  clock: Clock;
  logger: Logger;
}

export class PqrdsAnswerService {
  constructor(private readonly deps: PqrdsAnswerDeps) {}

  queue(options: { statuses?: readonly PqrdsStatus[]; after?: PqrdsCursor; limit?: number } = {}): Promise<Pqrds[]> {
    return this.deps.store.queue({ statuses: options.statuses ?? PQRDS_OPEN_STATUSES, after: options.after, limit: options.limit ?? 50 });
  }

  async find(code: string): Promise<Pqrds> {
    const found = await this.deps.store.findByCode(code);
    if (!found) throw new NotFoundError('pqrds');
    return found;
  }

  async answer(actor: DecisionActor, code: string, input: { answer?: string; close?: boolean }): Promise<Pqrds> {
    const pqrds = await this.find(code);
    const answer = input.answer?.trim() || undefined;
    if (answer !== undefined && answer.length > ANSWER_MAX_CHARS) throw new DecisionValidationError('answer', `at most ${ANSWER_MAX_CHARS} characters`);
    if (answer === undefined && !input.close) throw new DecisionValidationError('answer', 'write the answer');
    const next = nextPqrdsStatus(pqrds.status, { answer: answer !== undefined, close: input.close === true });
    if (!next) {
      if (pqrds.status === 'cerrada') throw new ConflictError('pqrds_closed', 'already closed');
      throw new DecisionValidationError('answer', 'write the answer before closing');
    }
    const now = this.deps.clock.now();
    const notices = answer ? await this.notices(pqrds, answer, next === 'cerrada', now) : [];
    const written = await this.deps.store.commitAnswer(
      {
        pqrdsId: pqrds.id,
        expectedStatus: pqrds.status,
        nextStatus: next,
        answer,
        audit: { actor, action: answer ? 'answer_pqrds' : 'close_pqrds', subject: pqrds.code, fromStatus: pqrds.status, toStatus: next, at: now },
        notices,
      },
      now,
    );
    if (!written) throw new ConflictError('pqrds_changed', 'changed meanwhile');
    this.deps.logger.info('pqrds.answered', { pqrdsId: pqrds.id, status: next, actorKind: actor.kind });
    return { ...pqrds, status: next, answer: answer ?? pqrds.answer, answeredAt: answer ? now : pqrds.answeredAt };
  }

  /** The petitioner, when they are an affiliate: their contact data and, with an account, the chat. */
  private async notices(pqrds: Pqrds, answer: string, closed: boolean, now: Date) {
    const petitioner = await this.deps.affiliates.findByDocument(pqrds.petitionerDocumentType, pqrds.petitionerDocumentNumber);
    if (!petitioner) return [];
    const account = await this.deps.accounts.findByAffiliateId(petitioner.id);
    const lines = pqrdsAnswerTexts.lines(pqrds.code, answer, closed);
    return noticeMessages(
      { mobile: petitioner.mobile, email: petitioner.email, chatAffiliateId: account ? petitioner.id : undefined },
      {
        key: `pqrds-answer:${randomUUID()}`,
        at: now,
        sms: pqrdsAnswerTexts.sms(pqrds.code),
        emailSubject: pqrdsAnswerTexts.subject(pqrds.code),
        emailBody: ['Hola,', '', ...lines, '', 'Oficina Virtual de tu EPS'].join('\n'),
        chat: { text: lines.join('\n'), template: { kind: 'pqrds_answered', params: [pqrds.code] } },
      },
    );
  }
}
