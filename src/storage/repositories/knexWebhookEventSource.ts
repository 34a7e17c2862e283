// Reads what appeared in each source table after a position (created_at, id), oldest first, and shapes
// the webhook events: identifiers the EPS's systems use to fetch the rest through the integration API.
import type { Knex } from 'knex';
import type { ScanPosition, WebhookEventSource, WebhookSource } from '../../services/webhooks/webhookEventScanner';
import { webhookEventId, type WebhookEvent } from '../../services/webhooks/webhookEvents';
import { fromCount, fromInstant, optionalText, toInstant } from '../dialect';

type Row = Record<string, unknown>;
type Found = { event?: WebhookEvent; position: ScanPosition };

const ALIAS: Record<WebhookSource, string> = { authorization_requests: 'ar', request_attachments: 'ra', pqrds: 'p', handoffs: 'h' };

export class KnexWebhookEventSource implements WebhookEventSource {
  constructor(private readonly db: Knex) {}

  async position(source: WebhookSource): Promise<ScanPosition | undefined> {
    const row = (await this.db('webhook_cursors').where({ source }).first()) as Row | undefined;
    return row ? { at: fromInstant(row.position_at), id: String(row.position_id) } : undefined;
  }

  async savePosition(source: WebhookSource, position: ScanPosition, now: Date): Promise<void> {
    await this.db('webhook_cursors')
      .insert({ source, position_at: toInstant(position.at), position_id: position.id, updated_at: toInstant(now) })
      .onConflict('source')
      .merge(['position_at', 'position_id', 'updated_at']);
  }

  async eventsAfter(source: WebhookSource, after: ScanPosition, until: Date, limit: number): Promise<Found[]> {
    const a = ALIAS[source];
    const query = this.db(`${source} as ${a}`)
      .where((q) =>
        q
          .where(`${a}.created_at`, '>', toInstant(after.at))
          .orWhere((same) => same.where(`${a}.created_at`, '=', toInstant(after.at)).andWhere(`${a}.id`, '>', after.id)),
      )
      .andWhere(`${a}.created_at`, '<=', toInstant(until))
      .orderBy([{ column: `${a}.created_at` }, { column: `${a}.id` }])
      .limit(limit);
    const rows = (await this.select(source, query)) as Row[];
    return rows.map((row) => ({ event: this.toEvent(source, row), position: { at: fromInstant(row.created_at), id: String(row.id) } }));
  }

  private select(source: WebhookSource, query: Knex.QueryBuilder): Knex.QueryBuilder {
    switch (source) {
      case 'authorization_requests':
        return query
          .join('affiliates as af', 'af.id', 'ar.affiliate_id')
          .select('ar.id', 'ar.created_at', 'ar.filing_number', 'ar.status', 'ar.due_date', 'ar.municipality_code', 'af.document_type', 'af.document_number')
          // Supports filed with the request; later ones have their own event.
          .select(this.db.raw('(select count(*) from request_attachments x where x.request_id = ar.id and x.created_at <= ar.created_at) as supports'));
      case 'request_attachments':
        return query
          .join('authorization_requests as ar', 'ar.id', 'ra.request_id')
          .select('ra.id', 'ra.created_at', 'ra.original_name', 'ra.size_bytes', 'ra.sha256', 'ar.filing_number')
          .select({ filed_at: 'ar.created_at' });
      case 'pqrds':
        return query.select('p.id', 'p.created_at', 'p.code', 'p.type', 'p.status', 'p.due_at', 'p.petitioner_document_type', 'p.petitioner_document_number');
      case 'handoffs':
        return query
          .leftJoin('affiliates as af', 'af.id', 'h.affiliate_id')
          .select('h.id', 'h.created_at', 'h.channel', 'h.reason', 'h.status', 'h.requested_at', 'af.document_type', 'af.document_number');
    }
  }

  private toEvent(source: WebhookSource, row: Row): WebhookEvent | undefined {
    const at = fromInstant(row.created_at).toISOString();
    switch (source) {
      case 'authorization_requests':
        return {
          id: webhookEventId('authorization_request.filed', String(row.id)),
          type: 'authorization_request.filed',
          occurredAt: at,
          data: {
            filingNumber: String(row.filing_number),
            status: String(row.status),
            filedAt: at,
            dueDate: String(row.due_date),
            municipalityCode: String(row.municipality_code),
            affiliate: { documentType: String(row.document_type), documentNumber: String(row.document_number) },
            supports: fromCount(row.supports),
          },
        };
      case 'request_attachments':
        // Supports sent with the filing are part of the filing event; only later ones are news.
        if (fromInstant(row.created_at).getTime() <= fromInstant(row.filed_at).getTime()) return undefined;
        return {
          id: webhookEventId('authorization_request.supports_added', String(row.id)),
          type: 'authorization_request.supports_added',
          occurredAt: at,
          data: {
            filingNumber: String(row.filing_number),
            supports: [{ id: String(row.id), name: String(row.original_name), sizeBytes: Number(row.size_bytes), sha256: String(row.sha256) }],
          },
        };
      case 'pqrds':
        return {
          id: webhookEventId('pqrds.filed', String(row.id)),
          type: 'pqrds.filed',
          occurredAt: at,
          data: {
            code: String(row.code),
            type: String(row.type),
            status: String(row.status),
            filedAt: at,
            dueAt: fromInstant(row.due_at).toISOString(),
            petitioner: { documentType: String(row.petitioner_document_type), documentNumber: String(row.petitioner_document_number) },
          },
        };
      case 'handoffs': {
        const documentType = optionalText(row.document_type);
        return {
          id: webhookEventId('handoff.requested', String(row.id)),
          type: 'handoff.requested',
          occurredAt: fromInstant(row.requested_at).toISOString(),
          data: {
            handoffId: String(row.id),
            channel: String(row.channel),
            reason: String(row.reason),
            status: String(row.status),
            ...(documentType ? { affiliate: { documentType, documentNumber: String(row.document_number) } } : {}),
          },
        };
      }
    }
  }
}
