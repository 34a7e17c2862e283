// The CUPS service catalogue (data/serviceCatalogue.json), searchable by code or words of the name.
import type { Knex } from 'knex';
import type { ServiceCatalogueEntry } from '../../domain/model';
import type { ServiceCatalogueRepository } from '../../services/ports/repositories';
import { applyServiceFilter } from './knexAuthorizationRepository';

type Row = Record<string, unknown>;

function fromRow(row: Row): ServiceCatalogueEntry {
  return { code: String(row.code), name: String(row.name) };
}

export class KnexServiceCatalogueRepository implements ServiceCatalogueRepository {
  constructor(private readonly db: Knex) {}

  async list(): Promise<ServiceCatalogueEntry[]> {
    const rows = (await this.db('health_services').orderBy('name')) as Row[];
    return rows.map(fromRow);
  }

  async findByCode(code: string): Promise<ServiceCatalogueEntry | undefined> {
    const row = (await this.db('health_services').where({ code: code.trim() }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async search(text: string, limit = 10): Promise<ServiceCatalogueEntry[]> {
    if (text.trim() === '') return [];
    const query = this.db('health_services').orderBy('name').limit(limit);
    const rows = (await applyServiceFilter(query, text, { code: 'code', search: 'search_text' })) as Row[];
    return rows.map(fromRow);
  }
}
