// Console sessions kept server-side: logout and the idle timeout delete the row, so a copied cookie dies with it.
import type { Knex } from 'knex';
import type { AgentSession } from '../../domain/handoffAgent';
import type { AgentSessionRepository } from '../../services/ports/handoff';
import { fromInstant, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export class KnexAgentSessionRepository implements AgentSessionRepository {
  constructor(private readonly knex: Knex) {}

  async create(session: AgentSession): Promise<void> {
    await this.knex('agent_sessions').insert({
      id: session.id,
      agent_id: session.agentId,
      csrf_token: session.csrfToken,
      created_at: toInstant(session.createdAt),
      last_seen_at: toInstant(session.lastSeenAt),
    });
  }

  async find(id: string): Promise<AgentSession | undefined> {
    const row = (await this.knex('agent_sessions').where({ id }).first()) as Row | undefined;
    if (!row) return undefined;
    return {
      id: String(row.id),
      agentId: String(row.agent_id),
      csrfToken: String(row.csrf_token),
      createdAt: fromInstant(row.created_at),
      lastSeenAt: fromInstant(row.last_seen_at),
    };
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.knex('agent_sessions').where({ id }).update({ last_seen_at: toInstant(now) });
  }

  async delete(id: string): Promise<void> {
    await this.knex('agent_sessions').where({ id }).delete();
  }

  async deleteStale(idleBefore: Date, createdBefore: Date): Promise<number> {
    return this.knex('agent_sessions')
      .where('last_seen_at', '<', toInstant(idleBefore))
      .orWhere('created_at', '<', toInstant(createdBefore))
      .delete();
  }
}
