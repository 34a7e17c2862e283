// botbuilder Storage on the bot_state table, with eTag concurrency as botbuilder's own storages do
// (StorageBaseTests): a write with a stale eTag throws, '*' or no eTag overwrites, every write gets a new
// eTag, a missing key reads as absent. A batch is written in one transaction: all of it or none.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Knex } from 'knex';
import { fromJson, lockForUpdate, toInstant, toJson } from './dialect';
import { ReadCoalescer } from './readCoalescer';

const TABLE = 'bot_state';

/** A write lost the race: someone saved the same key since it was read. */
export class ETagConflictError extends Error {
  readonly code = 'etag_conflict';
  constructor() {
    // No key in the message: keys carry channel user ids (WhatsApp ones are phone numbers).
    super('Storage: write refused because of an eTag conflict');
    this.name = 'ETagConflictError';
  }
}

interface StateRow {
  key: string;
  doc: unknown;
  e_tag: string;
}

function itemOf(row: StateRow): StoreItem {
  return { ...fromJson<StoreItem>(row.doc), eTag: row.e_tag };
}

export class KnexStorage implements Storage {
  /** A turn reads one key (its conversation's state): those reads are coalesced across turns. */
  private readonly single: ReadCoalescer<StateRow>;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
    /** Where reads go (src/storage/knex.ts createReadKnex); the writer by default. */
    private readonly reads: Knex = db,
  ) {
    this.single = new ReadCoalescer(async (keys) => new Map((await this.readRows(keys)).map((row) => [row.key, row])));
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const unique = [...new Set(keys)];
    if (unique.length === 1) {
      const { item } = await this.readOne(unique[0]!);
      if (item) items[unique[0]!] = item;
      return items;
    }
    for (const row of await this.readRows(unique)) items[row.key] = itemOf(row);
    return items;
  }

  /**
   * One key, as a turn loads its state, with the stored JSON text when the engine hands it back as text
   * (SQLite; pg parses jsonb itself): the text is what was written, so it serves as the state's
   * fingerprint at load without serialising the state again (optimisticConversationState.ts).
   */
  async readOne(key: string): Promise<{ item?: StoreItem; storedText?: string }> {
    const row = await this.single.read(key);
    if (!row) return {};
    return { item: itemOf(row), storedText: typeof row.doc === 'string' ? row.doc : undefined };
  }

  private async readRows(keys: string[]): Promise<StateRow[]> {
    return (await this.reads(TABLE).select('key', 'doc', 'e_tag').whereIn('key', keys)) as StateRow[];
  }

  async write(changes: StoreItems): Promise<void> {
    await this.writeReturningETags(changes);
  }

  /** Like write, and tells the new eTag of every key (botbuilder's write returns nothing). */
  async writeReturningETags(changes: StoreItems): Promise<Record<string, string>> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    const written: Record<string, string> = {};
    if (entries.length === 0) return written;
    await this.db.transaction(async (trx) => {
      for (const [key, item] of entries) written[key] = await this.writeOne(trx, key, item as StoreItem);
    });
    return written;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db(TABLE).whereIn('key', keys).delete();
  }

  private writeOne(trx: Knex.Transaction, key: string, item: StoreItem): Promise<string> {
    return writeStateRow(trx, key, item, this.now());
  }
}

/**
 * Writes one bot state row inside the caller's transaction with the eTag rules above; returns the new eTag.
 * Also used by the turn's batched writes (knexTurnBatch.ts).
 */
export async function writeStateRow(trx: Knex.Transaction, key: string, item: StoreItem, at: Date): Promise<string> {
  const { eTag: expected, ...doc } = (item ?? {}) as StoreItem & { eTag?: unknown };
  const eTag = randomUUID();
  const now = toInstant(at);
  const values = { doc: toJson(doc), e_tag: eTag, updated_at: now };
  if (expected === undefined || expected === null || expected === '' || expected === '*') {
    await trx(TABLE)
      .insert({ key, created_at: now, ...values })
      .onConflict('key')
      .merge(values);
    return eTag;
  }
  // Compare-and-set: the row changes only if nobody wrote it since it was read.
  const updated = await trx(TABLE).where({ key, e_tag: String(expected) }).update(values);
  if (updated === 1) return eTag;
  const current = await lockForUpdate(trx, trx(TABLE).select('e_tag').where({ key }).first());
  if (current) throw new ETagConflictError();
  // The key is gone (never written, or deleted): as in botbuilder's MemoryStorage the write creates it,
  // unless a concurrent writer creates it first.
  const inserted = (await trx(TABLE)
    .insert({ key, created_at: now, ...values })
    .onConflict('key')
    .ignore()
    .returning('key')) as unknown[];
  if (inserted.length !== 1) throw new ETagConflictError();
  return eTag;
}
