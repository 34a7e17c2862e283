// Per-year counters for filing numbers (AUT-YYYY-NNNNNN, PQR-YYYY-NNNNNN). One upsert increments and
// returns the value: PostgreSQL holds the counter row's lock until the transaction ends, and SQLite has a
// single writer, so concurrent filings get distinct, consecutive numbers, and a rolled-back filing
// gives its number back.
import type { Knex } from 'knex';
import { bogotaParts } from '../domain/bogotaTime';
import { toInstant } from './dialect';

export async function nextSequenceValue(trx: Knex.Transaction, name: string, now: Date): Promise<number> {
  const rows = (await trx('sequence_counters')
    .insert({ name, value: 1, created_at: toInstant(now), updated_at: toInstant(now) })
    .onConflict('name')
    .merge({ value: trx.raw('?? + 1', ['sequence_counters.value']), updated_at: toInstant(now) })
    .returning('value')) as Array<{ value: number | string }>;
  return Number(rows[0]?.value);
}

/** Numbers restart each Bogotá calendar year: a request filed at 23:30 on 31 December belongs to that year. */
export function filingYear(at: Date): number {
  return bogotaParts(at).year;
}
