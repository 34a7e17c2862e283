// Seeds: reference data and the demo set, both idempotent. `npm start` calls seedIfEmpty; `npm run seed`
// calls runSeeds.
import path from 'node:path';
import type { Knex } from 'knex';
import { PROJECT_ROOT } from '../../config';
import { fromCount } from '../dialect';
import { seedDemoData } from './demoSeed';
import { seedDevApiKey } from './devApiKeySeed';
import { seedReferenceData } from './referenceSeed';

export { DEMO_IDS, DEMO_PASSWORD } from './demoSet';

export interface SeedOptions {
  /** Where divipola.json, ips.json and serviceCatalogue.json live; default `<project>/data`. */
  dataDir?: string;
  /** Stamp for reference rows; default now. Demo rows carry their own fixed dates. */
  now?: Date;
  /** Seed the demo people too (default true). */
  demo?: boolean;
}

export async function runSeeds(knex: Knex, options: SeedOptions = {}): Promise<void> {
  await seedReferenceData(knex, options.dataDir ?? path.join(PROJECT_ROOT, 'data'), options.now ?? new Date());
  if (options.demo ?? true) {
    await seedDemoData(knex);
    await seedDevApiKey(knex, options.now ?? new Date());
  }
}

/** Seeds a database that has no reference data yet; returns whether it seeded. Never touches a used database. */
export async function seedIfEmpty(knex: Knex, options: SeedOptions = {}): Promise<boolean> {
  const [row] = (await knex('document_types').count({ n: '*' })) as Array<{ n: unknown }>;
  if (fromCount(row?.n) > 0) return false;
  await runSeeds(knex, options);
  return true;
}
