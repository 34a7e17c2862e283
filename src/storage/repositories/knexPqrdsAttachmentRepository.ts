// The optional PDF a PQRDS was filed with: metadata here, bytes under UPLOAD_DIR by a generated name.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { NewPqrdsAttachment, PqrdsAttachment, PqrdsAttachmentRepository } from '../../services/ports/selfService';
import { storedFileColumns, storedFileFromRow } from './storedSupportFileRows';

type Row = Record<string, unknown>;

function fromRow(row: Row): PqrdsAttachment {
  return {
    id: String(row.id),
    pqrdsId: String(row.pqrds_id),
    ...storedFileFromRow(row),
  };
}

export class KnexPqrdsAttachmentRepository implements PqrdsAttachmentRepository {
  constructor(private readonly db: Knex) {}

  async add(a: NewPqrdsAttachment): Promise<PqrdsAttachment> {
    const created: PqrdsAttachment = { id: randomUUID(), ...a };
    await this.db('pqrds_attachments').insert({ id: created.id, pqrds_id: a.pqrdsId, ...storedFileColumns(a) });
    return created;
  }

  async listByPqrds(pqrdsId: string): Promise<PqrdsAttachment[]> {
    const rows = (await this.db('pqrds_attachments').where({ pqrds_id: pqrdsId }).orderBy('created_at')) as Row[];
    return rows.map(fromRow);
  }
}
