// PQRDS: looked up only with the code AND the petitioner's document, so a guessed code reveals nothing.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../domain/errors';
import { formatPqrdsCode, type DocumentTypeCode, type NewPqrds, type Pqrds, type PqrdsStatus } from '../../domain/model';
import type { PqrdsRepository } from '../../services/ports/repositories';
import { fromInstant, fromOptionalInstant, optionalText, toInstant, toOptionalInstant } from '../dialect';
import { filingYear, nextSequenceValue } from '../sequences';

type Row = Record<string, unknown>;

export function pqrdsToRow(p: Pqrds): Row {
  return {
    id: p.id,
    code: p.code,
    type: p.type,
    petitioner_document_type: p.petitionerDocumentType,
    petitioner_document_number: p.petitionerDocumentNumber,
    description: p.description,
    status: p.status,
    due_at: toInstant(p.dueAt),
    answer: p.answer ?? null,
    answered_at: toOptionalInstant(p.answeredAt),
    created_at: toInstant(p.createdAt),
    updated_at: toInstant(p.answeredAt ?? p.createdAt),
  };
}

export function pqrdsFromRow(row: Row): Pqrds {
  return {
    id: String(row.id),
    code: String(row.code),
    type: row.type as Pqrds['type'],
    petitionerDocumentType: row.petitioner_document_type as DocumentTypeCode,
    petitionerDocumentNumber: String(row.petitioner_document_number),
    description: String(row.description),
    status: row.status as PqrdsStatus,
    createdAt: fromInstant(row.created_at),
    dueAt: fromInstant(row.due_at),
    answer: optionalText(row.answer),
    answeredAt: fromOptionalInstant(row.answered_at),
  };
}

export class KnexPqrdsRepository implements PqrdsRepository {
  constructor(private readonly db: Knex) {}

  async findByCodeAndPetitioner(
    code: string,
    documentType: DocumentTypeCode,
    documentNumber: string,
  ): Promise<Pqrds | undefined> {
    const row = (await this.db('pqrds')
      .where({
        code: code.trim().toUpperCase(),
        petitioner_document_type: documentType,
        petitioner_document_number: documentNumber.trim(),
      })
      .first()) as Row | undefined;
    return row ? pqrdsFromRow(row) : undefined;
  }

  create(pqrds: NewPqrds): Promise<Pqrds> {
    return this.db.transaction(async (trx) => {
      const year = filingYear(pqrds.createdAt);
      const sequence = await nextSequenceValue(trx, `PQR-${year}`, pqrds.createdAt);
      const filed: Pqrds = { ...pqrds, id: randomUUID(), code: formatPqrdsCode(year, sequence), status: 'radicada' };
      await trx('pqrds').insert(pqrdsToRow(filed));
      return filed;
    });
  }

  async answer(id: string, change: { status: PqrdsStatus; answer?: string }, now: Date): Promise<void> {
    const update: Row = { status: change.status, updated_at: toInstant(now) };
    if (change.answer !== undefined) {
      update.answer = change.answer;
      update.answered_at = toInstant(now);
    }
    const count = await this.db('pqrds').where({ id }).update(update);
    if (count === 0) throw new NotFoundError('pqrds');
  }
}
