// The seeded demo database (the people of README.md, "Demo data") with its repositories, for family and authorization tests.
import { afterEach } from 'vitest';
import { createRepositories } from '../../../src/storage/repositories';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';
import { createTestDb, TestDb } from '../../helpers/testDb';

export { DEMO_IDS };

const open: TestDb[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

/** A fresh seeded SQLite database per call, closed after the test. */
export async function demoWorld() {
  const db = await createTestDb();
  open.push(db);
  return { db, repos: createRepositories(db.knex) };
}
