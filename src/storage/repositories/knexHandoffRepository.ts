// Handoffs in the database: the queue, the one-open-per-conversation rule (a partial unique index) and
// compare-and-set updates, so concurrent takes and the expiry sweep cannot both win.
import type { Knex } from 'knex';
import { ConflictError } from '../../domain/errors';
import type { Handoff, HandoffStatus } from '../../domain/handoff';
import type { HandoffRepository, NewHandoff } from '../../services/ports/handoff';
import { ReadCoalescer } from '../readCoalescer';
import {
  fromBool,
  fromCount,
  fromInstant,
  fromJson,
  fromOptionalInstant,
  optionalText,
  toInstant,
  toJson,
  toOptionalInstant,
} from '../dialect';

type Row = Record<string, unknown>;

function toRow(h: Handoff | NewHandoff): Row {
  return {
    id: h.id,
    conversation_key: h.conversationKey,
    channel: h.channel,
    reference: toJson(h.reference),
    reason: h.reason,
    mode: h.mode,
    status: h.status,
    requested_at: toInstant(h.requestedAt),
    assigned_at: toOptionalInstant(h.assignedAt),
    closed_at: toOptionalInstant(h.closedAt),
    expires_at: toOptionalInstant(h.expiresAt),
    agent_id: h.agentId ?? null,
    exit_reason: h.exitReason ?? null,
    affiliate_id: h.affiliateId ?? null,
    active_task: h.activeTask ?? null,
    awaiting_choice: h.awaitingChoice,
    urgent: h.urgent ?? false,
  };
}

function fromRow(row: Row): Handoff {
  return {
    id: String(row.id),
    conversationKey: String(row.conversation_key),
    channel: String(row.channel),
    reference: fromJson<Record<string, unknown>>(row.reference),
    reason: row.reason as Handoff['reason'],
    mode: row.mode as Handoff['mode'],
    status: row.status as HandoffStatus,
    requestedAt: fromInstant(row.requested_at),
    assignedAt: fromOptionalInstant(row.assigned_at),
    closedAt: fromOptionalInstant(row.closed_at),
    expiresAt: fromOptionalInstant(row.expires_at),
    agentId: optionalText(row.agent_id),
    exitReason: optionalText(row.exit_reason) as Handoff['exitReason'],
    affiliateId: optionalText(row.affiliate_id),
    activeTask: optionalText(row.active_task),
    awaitingChoice: fromBool(row.awaiting_choice),
    urgent: fromBool(row.urgent),
    updatedAt: fromInstant(row.updated_at),
  };
}

/** SQLite says SQLITE_CONSTRAINT with "UNIQUE"; PostgreSQL says 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code === '23505') return true;
  return e?.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && e.message.includes('UNIQUE');
}

export class KnexHandoffRepository implements HandoffRepository {
  private readonly current: ReadCoalescer<Row[]>;

  constructor(
    private readonly knex: Knex,
    /** Where the per-turn status read goes (src/storage/knex.ts createReadKnex); the writer by default. */
    private readonly reads: Knex = knex,
  ) {
    this.current = new ReadCoalescer((keys) => this.readCurrent(keys));
  }

  async create(handoff: NewHandoff, now: Date): Promise<Handoff> {
    const row = { ...toRow(handoff), created_at: toInstant(now), updated_at: toInstant(now) };
    try {
      await this.knex('handoffs').insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('handoff_open', 'the conversation already has an open handoff');
      throw error;
    }
    return { ...handoff, urgent: handoff.urgent ?? false, updatedAt: now };
  }

  async findById(id: string): Promise<Handoff | undefined> {
    const row = (await this.knex('handoffs').where({ id }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findOpen(conversationKey: string): Promise<Handoff | undefined> {
    const row = (await this.knex('handoffs')
      .where({ conversation_key: conversationKey })
      .whereIn('status', ['pending', 'assigned'])
      .first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findAwaitingChoice(conversationKey: string): Promise<Handoff | undefined> {
    const row = (await this.knex('handoffs')
      .where({ conversation_key: conversationKey, awaiting_choice: true })
      .orderBy('requested_at', 'desc')
      .first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findCurrent(conversationKey: string): Promise<{ open?: Handoff; awaitingChoice?: Handoff }> {
    // Every user turn asks this first: coalesced with the other turns' asks (readCoalescer.ts).
    const handoffs = ((await this.current.read(conversationKey)) ?? []).map(fromRow);
    return {
      open: handoffs.find((h) => h.status === 'pending' || h.status === 'assigned'),
      awaitingChoice: handoffs.find((h) => h.awaitingChoice),
    };
  }

  /** The open and awaiting-choice handoffs of each conversation, newest first. */
  private async readCurrent(conversationKeys: string[]): Promise<Map<string, Row[]>> {
    const rows = (await this.reads('handoffs')
      .whereIn('conversation_key', conversationKeys)
      .andWhere((q) => q.whereIn('status', ['pending', 'assigned']).orWhere('awaiting_choice', true))
      .orderBy('requested_at', 'desc')) as Row[];
    const byKey = new Map<string, Row[]>();
    for (const row of rows) {
      const key = String(row.conversation_key);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return byKey;
  }

  async list(statuses: readonly HandoffStatus[], limit = 200): Promise<Handoff[]> {
    const rows = (await this.knex('handoffs')
      .whereIn('status', [...statuses])
      .orderBy([{ column: 'urgent', order: 'desc' }, { column: 'requested_at', order: 'asc' }, { column: 'id', order: 'asc' }])
      .limit(limit)) as Row[];
    return rows.map(fromRow);
  }

  async countPendingBefore(requestedAt: Date, id: string, urgent = false): Promise<number> {
    const at = toInstant(requestedAt);
    const earlier = (q: Knex.QueryBuilder) =>
      q.where('requested_at', '<', at).orWhere((same) => same.where('requested_at', at).andWhere('id', '<', id));
    // Urgent ones go first: an urgent handoff waits only behind earlier urgent ones, any other behind every urgent one.
    const result = (await this.knex('handoffs')
      .where({ status: 'pending' })
      .andWhere((q) =>
        urgent
          ? q.where('urgent', true).andWhere(earlier)
          : q.where('urgent', true).orWhere((normal) => normal.where('urgent', false).andWhere(earlier)),
      )
      .count({ n: '*' })
      .first()) as { n: unknown } | undefined;
    return fromCount(result?.n);
  }

  async listExpired(now: Date): Promise<Handoff[]> {
    const rows = (await this.knex('handoffs')
      .where({ status: 'pending' })
      .whereNotNull('expires_at')
      .andWhere('expires_at', '<=', toInstant(now))
      .orderBy('expires_at', 'asc')) as Row[];
    return rows.map(fromRow);
  }

  async replaceIf(next: Handoff, expected: { status: HandoffStatus; agentId?: string | null }): Promise<boolean> {
    const query = this.knex('handoffs').where({ id: next.id, status: expected.status });
    if (expected.agentId === null) query.whereNull('agent_id');
    else if (expected.agentId !== undefined) query.andWhere({ agent_id: expected.agentId });
    const { id: _id, ...changes } = toRow(next);
    const updated = await query.update({ ...changes, updated_at: toInstant(next.updatedAt) });
    return updated === 1;
  }

  async clearAwaitingChoice(id: string, now: Date): Promise<void> {
    await this.knex('handoffs').where({ id }).update({ awaiting_choice: false, updated_at: toInstant(now) });
  }
}
