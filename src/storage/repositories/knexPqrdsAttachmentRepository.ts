// The optional PDF a PQRDS was filed with: metadata here, bytes under UPLOAD_DIR by a generated name.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { NewPqrdsAttachment, PqrdsAttachment, PqrdsAttachmentRepository } from '../../services/ports/selfService';
import { fromInstant, toInstant } from '../dialect';

type Row = Record<string, unknown>;

function fromRow(row: Row): PqrdsAttachment {
  return {
    id: String(row.id),
    pqrdsId: String(row.pqrds_id),
    storedName: String(row.stored_name),
    originalName: String(row.original_name),
    sizeBytes: Number(row.size_bytes),
    sha256: String(row.sha256),
    contentType: String(row.content_type),
    createdAt: fromInstant(row.created_at),
  };
}

export class KnexPqrdsAttachmentRepository implements PqrdsAttachmentRepository {
  constructor(private readonly db: Knex) {}

  async add(a: NewPqrdsAttachment): Promise<PqrdsAttachment> {
    const created: PqrdsAttachment = { id: randomUUID(), ...a };
    const at = toInstant(a.createdAt);
    await this.db('pqrds_attachments').insert({
      id: created.id,
      pqrds_id: a.pqrdsId,
      stored_name: a.storedName,
      original_name: a.originalName,
      size_bytes: a.sizeBytes,
      sha256: a.sha256,
      content_type: a.contentType,
      created_at: at,
      updated_at: at,
    });
    return created;
  }

  async listByPqrds(pqrdsId: string): Promise<PqrdsAttachment[]> {
    const rows = (await this.db('pqrds_attachments').where({ pqrds_id: pqrdsId }).orderBy('created_at')) as Row[];
    return rows.map(fromRow);
  }
}
