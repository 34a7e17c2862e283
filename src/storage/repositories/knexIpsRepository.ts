// IPS (providers) where affiliates are attended.
import type { Knex } from 'knex';
import type { Ips } from '../../domain/model';
import type { IpsRepository } from '../../services/ports/repositories';
import { toInstant } from '../dialect';

type Row = Record<string, unknown>;

export function ipsToRow(i: Ips, now: Date): Row {
  return {
    code: i.code,
    name: i.name,
    address: i.address,
    phone: i.phone,
    municipality_code: i.municipalityCode,
    directions: i.directions,
    created_at: toInstant(now),
    updated_at: toInstant(now),
  };
}

function fromRow(row: Row): Ips {
  return {
    code: String(row.code),
    name: String(row.name),
    address: String(row.address),
    phone: String(row.phone),
    municipalityCode: String(row.municipality_code),
    directions: String(row.directions),
  };
}

export class KnexIpsRepository implements IpsRepository {
  constructor(private readonly db: Knex) {}

  async findByCode(code: string): Promise<Ips | undefined> {
    const row = (await this.db('ips').where({ code }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async listByMunicipality(municipalityCode: string): Promise<Ips[]> {
    const rows = (await this.db('ips').where({ municipality_code: municipalityCode }).orderBy('name')) as Row[];
    return rows.map(fromRow);
  }
}
