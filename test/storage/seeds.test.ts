// Seeds load the reference data and the demo set (README.md, "Demo data"), fast, and running them again changes nothing.
import { expect, it } from 'vitest';
import { runSeeds, seedIfEmpty } from '../../src/storage/seeds';
import { createRepositories } from '../../src/storage/repositories';
import { createTestDb, describeDatabases } from '../helpers/testDb';

const SEEDED_TABLES: Record<string, string> = {
  document_types: 'code',
  departments: 'code',
  municipalities: 'code',
  ips: 'code',
  health_services: 'code',
  affiliates: 'id',
  accounts: 'id',
  consents: 'id',
  authorization_requests: 'id',
  request_attachments: 'id',
  authorizations: 'id',
  pqrds: 'id',
  sequence_counters: 'name',
};

describeDatabases(
  'seeds',
  ({ db }) => {
    const snapshot = async (): Promise<string> => {
      const tables: Record<string, unknown[]> = {};
      for (const [table, key] of Object.entries(SEEDED_TABLES)) tables[table] = await db().knex(table).orderBy(key);
      return JSON.stringify(tables);
    };

    it('seeds an empty database once, with DIVIPOLA complete', async () => {
      const started = performance.now();
      expect(await seedIfEmpty(db().knex, { now: new Date('2026-11-27T12:00:00Z') })).toBe(true);
      const elapsedMs = performance.now() - started;
      console.info(`[${db().engine}] seed of an empty database: ${Math.round(elapsedMs)} ms`);
      if (db().engine === 'sqlite') expect(elapsedMs).toBeLessThan(5_000);
      const places = createRepositories(db().knex).places;
      expect(await places.listDepartments()).toHaveLength(33);
      const [{ n }] = (await db().knex('municipalities').count({ n: '*' })) as Array<{ n: unknown }>;
      expect(Number(n)).toBe(1123);
      expect(await seedIfEmpty(db().knex)).toBe(false);
    });

    it('changes nothing when run again, even on another day', async () => {
      const before = await snapshot();
      await runSeeds(db().knex, { now: new Date('2027-03-01T12:00:00Z') });
      expect(await snapshot()).toBe(before);
    });

    it('loads the demo people of the README', async () => {
      const { affiliates, accounts, pqrds } = createRepositories(db().knex);
      const people = [
        ['CC', '1045678901', 'María Fernanda', 'Pérez Gómez', 'activo', '3001112233', '2008-03-14'],
        ['CC', '1045678902', 'Carlos Andrés', 'Ruiz Díaz', 'activo', '3001112234', '2010-07-22'],
        ['TI', '1098765432', 'Valentina', 'Ruiz Pérez', 'activo', undefined, '2020-02-03'],
        ['RC', '1098765433', 'Santiago', 'Ruiz Pérez', 'activo', undefined, undefined],
        ['CC', '1045678903', 'José Luis', 'Martínez Ortega', 'retirado', '3001112235', '2005-11-30'],
        ['CC', '1045678904', 'Ana Milena', 'Rojas Castro', 'activo', '3001112236', '2012-01-09'],
      ] as const;
      for (const [type, number, firstNames, lastNames, status, mobile, issued] of people) {
        const a = await affiliates.findByDocument(type, number);
        expect(a).toMatchObject({ firstNames, lastNames, status, mobile, documentIssueDate: issued });
      }
      const maria = await affiliates.findByDocument('CC', '1045678901');
      expect(maria).toMatchObject({ municipalityCode: '08001', relationship: 'cabeza' });
      expect(await accounts.findByAffiliateId(maria!.id)).toBeUndefined();
      const ana = await affiliates.findByDocument('CC', '1045678904');
      expect(await accounts.findByAffiliateId(ana!.id)).toBeDefined();
      expect(await pqrds.findByCodeAndPetitioner('PQR-2026-000123', 'CC', '1045678904')).toBeDefined();
      // Ages on the seed's fixed birth dates, as the README's demo table gives them during 2026.
      const valentina = await affiliates.findByDocument('TI', '1098765432');
      const santiago = await affiliates.findByDocument('RC', '1098765433');
      expect(valentina?.birthDate.slice(0, 4)).toBe('2014');
      expect(santiago?.birthDate.slice(0, 4)).toBe('2022');
    });
  },
  { seed: 'none' },
);

it('leaves a database that already has data alone', async () => {
  const testDb = await createTestDb({ seed: 'reference' });
  try {
    expect(await seedIfEmpty(testDb.knex)).toBe(false);
    expect(await createRepositories(testDb.knex).affiliates.findByDocument('CC', '1045678904')).toBeUndefined();
  } finally {
    await testDb.close();
  }
});
