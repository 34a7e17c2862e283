// The turn locks of one instance, taken and released in batches on one PostgreSQL session. A turn holds
// its conversation's advisory lock while it runs; with a connection per held lock, fifty conversations at
// once needed fifty connections (or waited for one) and two round trips each. Here the locks asked for
// while a statement is out go together in the next one: `pg_try_advisory_lock` over an array, and
// `pg_advisory_unlock` likewise. A lock held elsewhere (the conversation's turn runs on another instance)
// is not waited for here: the caller waits for it on a connection of its own (postgresCoordination.ts).
// If the session's connection drops, PostgreSQL releases everything it held; the turns then running end
// unguarded by the lock, still guarded by the bot state's eTag check (knexStorage.ts).
import pg from 'pg';
import type { Logger } from '../observability/logger';

interface Ask {
  id: string;
  /** The session's generation when the lock is taken (pass it to release), undefined when it is not. */
  resolve(generation: number | undefined): void;
  reject(error: unknown): void;
}

interface Release {
  id: string;
  generation: number;
  done(): void;
}

export class PostgresLockSession {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  /** Bumped when the connection is lost: locks of an earlier one are already gone. */
  private generation = 0;
  /** Ids this session holds (session locks are re-entrant: a second ask for one must not succeed). */
  private readonly held = new Set<string>();
  private asks: Ask[] = [];
  private releases: Release[] = [];
  private busy = false;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Takes the lock if nobody holds it: resolves with the generation to release it with, or undefined when
   * someone holds it (another instance, or another holder here).
   */
  tryAcquire(id: string): Promise<number | undefined> {
    if (this.closed || this.held.has(id)) return Promise.resolve(undefined);
    return new Promise<number | undefined>((resolve, reject) => {
      this.asks.push({ id, resolve, reject });
      this.pump();
    });
  }

  /** Releases a lock this session took; settles when PostgreSQL has released it (or the session is gone). */
  release(id: string, generation: number): Promise<void> {
    return new Promise<void>((done) => {
      this.releases.push({ id, generation, done });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private pump(): void {
    if (this.busy) return;
    this.busy = true;
    void this.drain().finally(() => {
      this.busy = false;
      if (this.asks.length > 0 || this.releases.length > 0) this.pump();
    });
  }

  private async drain(): Promise<void> {
    while (this.releases.length > 0 || this.asks.length > 0) {
      const releases = this.releases;
      this.releases = [];
      const asks = this.asks;
      this.asks = [];
      try {
        await this.releaseAndAcquire(releases, asks);
      } catch (error) {
        // The connection failed: everything it held is released by PostgreSQL.
        this.logger.warn('coordination.lock_session_lost', { error: error as Error });
        this.lose();
        for (const release of releases) release.done();
        for (const ask of asks) ask.reject(error);
      }
    }
  }

  /** The finished turns' locks released and the new turns' locks tried, in one statement. */
  private async releaseAndAcquire(releases: Release[], asks: Ask[]): Promise<void> {
    const releasing = releases.filter((r) => r.generation === this.generation && this.held.has(r.id));
    for (const r of releases) if (!releasing.includes(r)) r.done();
    // Two asks for one id in a batch: the first tries, the second is told the lock is taken.
    const trying = new Map<string, Ask>();
    for (const ask of asks) {
      if (trying.has(ask.id) || this.held.has(ask.id)) ask.resolve(undefined);
      else trying.set(ask.id, ask);
    }
    if (releasing.length === 0 && trying.size === 0) return;
    const client = await this.connection();
    // UNION ALL runs its branches in order: this session's releases happen before its new locks.
    const { rows } = await client.query<{ op: string; k: string; ok: boolean }>(
      `select 'release' as op, k::text as k, pg_advisory_unlock(k) as ok from unnest($1::bigint[]) as k
       union all
       select 'take', k::text, pg_try_advisory_lock(k) from unnest($2::bigint[]) as k`,
      [releasing.map((r) => r.id), [...trying.keys()]],
    );
    for (const r of releasing) {
      this.held.delete(r.id);
      r.done();
    }
    const taken = new Set(rows.filter((row) => row.op === 'take' && row.ok).map((row) => row.k));
    for (const [id, ask] of trying) {
      if (!taken.has(id)) {
        ask.resolve(undefined);
        continue;
      }
      this.held.add(id);
      ask.resolve(this.generation);
    }
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    if (this.closed) throw new Error('lock session closed');
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('error', (error) => {
        this.logger.warn('coordination.lock_session_lost', { error });
        if (this.client === client) this.lose();
      });
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private lose(): void {
    const client = this.client;
    this.client = undefined;
    this.generation += 1;
    this.held.clear();
    void client?.end().catch(() => undefined);
  }
}
