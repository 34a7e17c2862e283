import type { Knex } from 'knex';

// 100 rows × ≤ 8 columns stays far below SQLite's bound-parameter limit and keeps PostgreSQL round trips few.
const CHUNK_ROWS = 100;

/** Inserts rows in chunks, leaving rows whose key already exists untouched: seeds can run any number of times. */
export async function insertIgnoring(
  trx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
  conflictColumn: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    await trx(table)
      .insert(rows.slice(i, i + CHUNK_ROWS))
      .onConflict(conflictColumn)
      .ignore();
  }
}
