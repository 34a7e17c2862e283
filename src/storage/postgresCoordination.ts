// Coordination between instances on one PostgreSQL, with nothing but the server itself:
// - locks are session advisory locks: a free one is taken on a session shared by the instance's turns,
//   in batches (postgresLockSession.ts); one held elsewhere is waited for on a connection of a small pool
//   of its own (so a turn that waits never holds a connection the queries need); a dead instance's
//   connections close and its locks go with them;
// - the leader of a task keeps one connection holding its lock for as long as it leads;
// - signals are NOTIFY, received on one dedicated LISTEN connection that reconnects when it drops.
// Lock keys and topics are scoped by the schema in use, so schemas sharing a server never meet.
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../observability/logger';
import type { Coordination, Leadership } from '../services/ports/coordination';
import { PostgresLockSession } from './postgresLockSession';

const LOCK_CONNECTIONS = 16;
const NOTIFY_CHANNEL = 'oficina_virtual';
const MAX_PAYLOAD_BYTES = 7000;

export class PostgresCoordination implements Coordination {
  readonly acrossInstances = true;
  private readonly pool: pg.Pool;
  /** Where turn locks are taken when free (postgresLockSession.ts). */
  private readonly session: PostgresLockSession;
  private readonly signals = new EventEmitter().setMaxListeners(0);
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private closed = false;
  private readonly leaders = new Set<Leadership>();
  /** Identifies this process in signals, for handlers that must skip their own. */
  readonly instanceId = randomUUID();

  private constructor(
    private readonly connectionString: string,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString, max: LOCK_CONNECTIONS });
    this.session = new PostgresLockSession(connectionString, logger);
    // An idle pooled connection that dies (server restart) must not crash the process.
    this.pool.on('error', (error) => this.logger.warn('coordination.connection_lost', { error }));
  }

  static async connect(connectionString: string, logger: Logger): Promise<PostgresCoordination> {
    const probe = new pg.Client({ connectionString });
    await probe.connect();
    try {
      const { rows } = await probe.query<{ schema: string }>('select current_schema() as schema');
      const coordination = new PostgresCoordination(connectionString, rows[0]?.schema ?? 'public', logger);
      await coordination.startListening();
      return coordination;
    } finally {
      await probe.end();
    }
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const id = this.lockId(key);
    // Usually free: taken with other turns' locks in one statement on the shared session.
    const generation = await this.session.tryAcquire(id).catch(() => undefined);
    if (generation !== undefined) {
      try {
        return await fn();
      } finally {
        await this.session.release(id, generation);
      }
    }
    return this.withLockWaiting(key, fn);
  }

  /** Waits for a lock someone else holds, on a connection of its own (held until the lock is released). */
  private async withLockWaiting<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`select pg_advisory_lock(${this.lockId(key)})`);
      try {
        return await fn();
      } finally {
        await client.query(`select pg_advisory_unlock(${this.lockId(key)})`).catch((error: Error) => {
          broken = error;
        });
      }
    } finally {
      // A connection whose unlock failed is thrown away: closing it releases whatever it held.
      client.release(broken);
    }
  }

  async tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ got: boolean }>(`select pg_try_advisory_lock(${this.lockId(key)}) as got`);
      if (!rows[0]?.got) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query(`select pg_advisory_unlock(${this.lockId(key)})`).catch((error: Error) => {
          broken = error;
        });
      }
    } finally {
      client.release(broken);
    }
  }

  lead(key: string, onLead: () => Promise<void>, options: { retryMs?: number } = {}): Leadership {
    const retryMs = options.retryMs ?? 10_000;
    let client: pg.Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let leading = false;
    let started: Promise<void> | undefined;
    const attempt = async () => {
      if (stopped || leading) return;
      const candidate = new pg.Client({ connectionString: this.connectionString });
      try {
        await candidate.connect();
        const { rows } = await candidate.query<{ got: boolean }>(`select pg_try_advisory_lock(${this.lockId(key)}) as got`);
        if (!rows[0]?.got || stopped) {
          await candidate.end();
          return;
        }
        client = candidate;
        leading = true;
        // Losing the connection loses the lock: stop leading so another instance can take over.
        candidate.on('error', (error) => {
          this.logger.error('coordination.leadership_lost', { task: key, error });
          leading = false;
        });
        this.logger.info('coordination.leading', { task: key });
        started = onLead();
        await started;
      } catch (error) {
        this.logger.warn('coordination.lead_attempt_failed', { task: key, error: error as Error });
        await candidate.end().catch(() => undefined);
      }
    };
    const tick = () => {
      void attempt().finally(() => {
        if (!stopped && !leading) {
          timer = setTimeout(tick, retryMs);
          timer.unref();
        }
      });
    };
    tick();
    const leadership: Leadership = {
      get leading() {
        return leading;
      },
      stop: async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await started?.catch(() => undefined);
        leading = false;
        await client?.end().catch(() => undefined);
        this.leaders.delete(leadership);
      },
    };
    this.leaders.add(leadership);
    return leadership;
  }

  async notify(topic: string, payload: string): Promise<void> {
    const message = JSON.stringify({ ns: this.namespace, topic, payload });
    if (Buffer.byteLength(message) > MAX_PAYLOAD_BYTES) throw new Error('coordination signal too large');
    await this.pool.query('select pg_notify($1, $2)', [NOTIFY_CHANNEL, message]);
  }

  listen(topic: string, handler: (payload: string) => void): () => void {
    this.signals.on(topic, handler);
    return () => this.signals.off(topic, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const leader of [...this.leaders]) await leader.stop();
    await this.listener?.end().catch(() => undefined);
    await this.session.close();
    await this.pool.end();
    this.signals.removeAllListeners();
  }

  /**
   * The lock's 64-bit number, computed here so the statement has no parameters: PostgreSQL then takes it
   * as one simple query (one message, no parse/bind round) — it runs twice per turn. A number, never text
   * from the caller, goes into the SQL.
   */
  private lockId(key: string): string {
    const digest = createHash('sha256').update(`${this.namespace}:${key}`).digest();
    return digest.readBigInt64BE(0).toString();
  }

  private startListening(): Promise<void> {
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('notification', (message) => {
        if (!message.payload) return;
        try {
          const { ns, topic, payload } = JSON.parse(message.payload) as { ns: string; topic: string; payload: string };
          if (ns === this.namespace) this.signals.emit(topic, payload);
        } catch {
          // Not ours.
        }
      });
      client.on('error', (error) => {
        this.logger.warn('coordination.listener_lost', { error });
        this.listener = undefined;
        this.listening = undefined;
        if (!this.closed) setTimeout(() => void this.startListening().catch(() => undefined), 1000).unref();
      });
      await client.connect();
      await client.query(`listen ${NOTIFY_CHANNEL}`);
      this.listener = client;
    })();
    return this.listening;
  }
}
