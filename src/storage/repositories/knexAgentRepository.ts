// Agents of the console: e-mail (unique, stored lower-case), display name, role and an argon2id hash.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Agent, AgentGender, AgentRole, AgentWithHash } from '../../domain/handoffAgent';
import type { AgentRepository } from '../../services/ports/handoff';
import { fromBool, toInstant } from '../dialect';

type Row = Record<string, unknown>;

function fromRow(row: Row): AgentWithHash {
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    role: row.role as AgentRole,
    active: fromBool(row.active),
    gender: row.gender === 'F' || row.gender === 'M' ? row.gender : undefined,
    passwordHash: String(row.password_hash),
  };
}

function withoutHash({ passwordHash: _hash, ...agent }: AgentWithHash): Agent {
  return agent;
}

export class KnexAgentRepository implements AgentRepository {
  constructor(private readonly knex: Knex) {}

  async findById(id: string): Promise<Agent | undefined> {
    const row = (await this.knex('agents').where({ id }).first()) as Row | undefined;
    return row ? withoutHash(fromRow(row)) : undefined;
  }

  async findByEmail(email: string): Promise<AgentWithHash | undefined> {
    const row = (await this.knex('agents').where({ email: email.trim().toLowerCase() }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async list(): Promise<Agent[]> {
    const rows = (await this.knex('agents').orderBy('name')) as Row[];
    return rows.map((r) => withoutHash(fromRow(r)));
  }

  async upsert(agent: { email: string; name: string; role: AgentRole; passwordHash: string; gender?: AgentGender }, now: Date): Promise<Agent> {
    const email = agent.email.trim().toLowerCase();
    const existing = await this.findByEmail(email);
    const fields = { name: agent.name, role: agent.role, password_hash: agent.passwordHash, active: true, gender: agent.gender ?? null, updated_at: toInstant(now) };
    if (existing) {
      await this.knex('agents').where({ id: existing.id }).update(fields);
      return { id: existing.id, email, name: agent.name, role: agent.role, active: true, gender: agent.gender };
    }
    const id = randomUUID();
    await this.knex('agents').insert({ id, email, ...fields, created_at: toInstant(now) });
    return { id, email, name: agent.name, role: agent.role, active: true, gender: agent.gender };
  }
}
