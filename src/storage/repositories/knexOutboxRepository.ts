// The SMS/e-mail outbox. Workers claim due messages with a lease (row locks on PostgreSQL, the single
// writer on SQLite), so two workers never send the same message; failures back off exponentially.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../domain/errors';
import {
  OUTBOX_MAX_ATTEMPTS,
  outboxBackoffMs,
  type NewOutboxMessage,
  type OutboxKind,
  type OutboxMessage,
  type OutboxStatus,
} from '../../domain/model';
import type { OutboxRepository } from '../../services/ports/repositories';
import {
  fromInstant,
  fromOptionalInstant,
  lockForUpdateSkipLocked,
  optionalText,
  toInstant,
  toOptionalInstant,
} from '../dialect';

type Row = Record<string, unknown>;

const DEFAULT_LEASE_MS = 60_000;

function toRow(m: OutboxMessage): Row {
  return {
    id: m.id,
    kind: m.kind,
    recipient: m.recipient,
    subject: m.subject ?? null,
    body: m.body,
    status: m.status,
    attempts: m.attempts,
    next_attempt_at: toInstant(m.nextAttemptAt),
    last_error: m.lastError ?? null,
    dedup_key: m.dedupKey ?? null,
    sent_at: toOptionalInstant(m.sentAt),
    created_at: toInstant(m.createdAt),
    updated_at: toInstant(m.createdAt),
  };
}

function fromRow(row: Row): OutboxMessage {
  return {
    id: String(row.id),
    kind: row.kind as OutboxKind,
    recipient: String(row.recipient),
    subject: optionalText(row.subject),
    body: String(row.body),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: fromInstant(row.next_attempt_at),
    lastError: optionalText(row.last_error),
    dedupKey: optionalText(row.dedup_key),
    createdAt: fromInstant(row.created_at),
    sentAt: fromOptionalInstant(row.sent_at),
  };
}

/** Enqueues on any connection or transaction: a decision's notices commit together with the decision. */
export async function enqueueOutboxMessage(db: Knex | Knex.Transaction, message: NewOutboxMessage): Promise<OutboxMessage> {
  const created: OutboxMessage = {
    ...message,
    id: randomUUID(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: message.createdAt,
  };
  if (!message.dedupKey) {
    await db('outbox_messages').insert(toRow(created));
    return created;
  }
  await db('outbox_messages').insert(toRow(created)).onConflict('dedup_key').ignore();
  const row = (await db('outbox_messages').where({ dedup_key: message.dedupKey }).first()) as Row;
  return fromRow(row);
}

export class KnexOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Knex) {}

  enqueue(message: NewOutboxMessage): Promise<OutboxMessage> {
    return enqueueOutboxMessage(this.db, message);
  }

  claimDue(now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<OutboxMessage[]> {
    return this.db.transaction(async (trx) => {
      const due = trx('outbox_messages')
        .select('id')
        .where({ status: 'pending' })
        .andWhere('next_attempt_at', '<=', toInstant(now))
        .orderBy([{ column: 'next_attempt_at' }, { column: 'created_at' }, { column: 'id' }])
        .limit(limit);
      const ids = ((await lockForUpdateSkipLocked(trx, due)) as Row[]).map((row) => String(row.id));
      if (ids.length === 0) return [];
      const leaseUntil = toInstant(new Date(now.getTime() + leaseMs));
      await trx('outbox_messages').whereIn('id', ids).update({ next_attempt_at: leaseUntil, updated_at: toInstant(now) });
      const rows = (await trx('outbox_messages').whereIn('id', ids)) as Row[];
      const byId = new Map(rows.map((row) => [String(row.id), fromRow(row)]));
      return ids.map((id) => byId.get(id)).filter((m): m is OutboxMessage => m !== undefined);
    });
  }

  async markSent(id: string, now: Date, redactedBody?: string): Promise<void> {
    const count = await this.db('outbox_messages')
      .where({ id })
      .update({
        ...(redactedBody === undefined ? {} : { body: redactedBody }),
        status: 'sent',
        attempts: this.db.raw('attempts + 1'),
        sent_at: toInstant(now),
        last_error: null,
        updated_at: toInstant(now),
      });
    if (count === 0) throw new NotFoundError('outbox message');
  }

  markFailed(id: string, errorCode: string, now: Date, maxAttempts = OUTBOX_MAX_ATTEMPTS): Promise<OutboxMessage> {
    return this.db.transaction(async (trx) => {
      const row = (await trx('outbox_messages').where({ id }).first()) as Row | undefined;
      if (!row) throw new NotFoundError('outbox message');
      const attempts = Number(row.attempts) + 1;
      const giveUp = attempts >= maxAttempts;
      const update: Row = {
        attempts,
        last_error: errorCode.slice(0, 60),
        status: giveUp ? 'failed' : 'pending',
        updated_at: toInstant(now),
      };
      if (!giveUp) update.next_attempt_at = toInstant(new Date(now.getTime() + outboxBackoffMs(attempts)));
      await trx('outbox_messages').where({ id }).update(update);
      return fromRow((await trx('outbox_messages').where({ id }).first()) as Row);
    });
  }

  async findById(id: string): Promise<OutboxMessage | undefined> {
    const row = (await this.db('outbox_messages').where({ id }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async list(filter: { kind?: OutboxKind; recipient?: string } = {}): Promise<OutboxMessage[]> {
    const query = this.db('outbox_messages').orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (filter.kind) query.where({ kind: filter.kind });
    if (filter.recipient) query.where({ recipient: filter.recipient });
    return ((await query) as Row[]).map(fromRow);
  }
}
