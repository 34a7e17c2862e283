// Reference data: document types, DIVIPOLA (data/divipola.json), synthetic IPS (data/ips.json) and the
// CUPS service catalogue (data/serviceCatalogue.json).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { DOCUMENT_TYPES, type Ips, type ServiceCatalogueEntry } from '../../domain/model';
import { toInstant } from '../dialect';
import { ipsToRow } from '../repositories/knexIpsRepository';
import { searchText } from '../searchText';
import { insertIgnoring } from './insertIgnoring';

interface DivipolaFile {
  departments: Array<{ code: string; name: string; municipalities: Array<{ code: string; name: string }> }>;
}

async function readJson<T>(dataDir: string, file: string): Promise<T> {
  return JSON.parse(await readFile(path.join(dataDir, file), 'utf8')) as T;
}

export async function seedReferenceData(knex: Knex, dataDir: string, now: Date): Promise<void> {
  const [divipola, ipsFile, catalogue] = await Promise.all([
    readJson<DivipolaFile>(dataDir, 'divipola.json'),
    readJson<{ ips: Ips[] }>(dataDir, 'ips.json'),
    readJson<{ services: ServiceCatalogueEntry[] }>(dataDir, 'serviceCatalogue.json'),
  ]);
  const stamps = { created_at: toInstant(now), updated_at: toInstant(now) };
  await knex.transaction(async (trx) => {
    await insertIgnoring(
      trx,
      'document_types',
      DOCUMENT_TYPES.map((t) => ({ code: t.code, name: t.name, ...stamps })),
      'code',
    );
    await insertIgnoring(
      trx,
      'departments',
      divipola.departments.map((d) => ({ code: d.code, name: d.name, ...stamps })),
      'code',
    );
    await insertIgnoring(
      trx,
      'municipalities',
      divipola.departments.flatMap((d) =>
        d.municipalities.map((m) => ({ code: m.code, name: m.name, department_code: d.code, ...stamps })),
      ),
      'code',
    );
    await insertIgnoring(
      trx,
      'ips',
      ipsFile.ips.map((i) => ipsToRow(i, now)),
      'code',
    );
    await insertIgnoring(
      trx,
      'health_services',
      catalogue.services.map((s) => ({ code: s.code, name: s.name, search_text: searchText(s.name), ...stamps })),
      'code',
    );
  });
}
