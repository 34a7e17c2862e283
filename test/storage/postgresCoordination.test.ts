// Coordination between instances on PostgreSQL: a periodic job runs on one instance at a time, and the
// whatsapp-web.js leadership passes to another instance when the leader's connection dies.
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/observability/logger';
import { PostgresCoordination } from '../../src/storage/postgresCoordination';
import { POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from '../helpers/testDb';
import { waitUntil } from '../helpers/wait';


describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL coordination${TEST_DATABASE_URL ? '' : ` — ${POSTGRES_SKIP_REASON}`}`, () => {
  it('a claimed job runs on one instance at a time; the other skips it', async () => {
    const [a, b] = await Promise.all([PostgresCoordination.connect(TEST_DATABASE_URL!, createMemoryLogger()), PostgresCoordination.connect(TEST_DATABASE_URL!, createMemoryLogger())]);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered = false;
      const first = a.tryWithLock('task:coordination-test', async () => {
        entered = true;
        await held;
        return 'a';
      });
      await waitUntil(() => entered, 'the first claim');
      expect(await b.tryWithLock('task:coordination-test', async () => 'b')).toEqual({ ran: false });
      release();
      expect(await first).toEqual({ ran: true, value: 'a' });
      expect(await b.tryWithLock('task:coordination-test', async () => 'b')).toEqual({ ran: true, value: 'b' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('turn locks: fifty conversations on two instances at once, never two turns of one conversation at the same time', async () => {
    const [a, b] = await Promise.all([PostgresCoordination.connect(TEST_DATABASE_URL!, createMemoryLogger()), PostgresCoordination.connect(TEST_DATABASE_URL!, createMemoryLogger())]);
    try {
      const inside = new Map<string, number>();
      let overlaps = 0;
      let turns = 0;
      const turn = (instance: PostgresCoordination, key: string) =>
        instance.withLock(`turn:${key}`, async () => {
          const now = (inside.get(key) ?? 0) + 1;
          inside.set(key, now);
          if (now > 1) overlaps += 1;
          // Hold the lock across a few event-loop turns, as a real turn does while it awaits storage.
          for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
          inside.set(key, now - 1);
          turns += 1;
        });
      const keys = Array.from({ length: 50 }, (_, i) => `lock-test-${i}`);
      // Each conversation gets three turns on each instance, all asked for at once (and twice on one
      // instance at once: the second waits on its own connection).
      await Promise.all(keys.flatMap((key) => [a, b, a, b, a, b].map((instance) => turn(instance, key))));
      expect(overlaps).toBe(0);
      expect(turns).toBe(300);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('leadership passes to another instance when the leader goes away, and a signal reaches both', async () => {
    const a = await PostgresCoordination.connect(TEST_DATABASE_URL!, createMemoryLogger());
    const b = await PostgresCoordination.connect(TEST_DATABASE_URL!, createMemoryLogger());
    try {
      const led: string[] = [];
      const leaderA = a.lead('leader-test', async () => void led.push('a'), { retryMs: 50 });
      await waitUntil(() => led.length === 1, 'a first leader');
      const leaderB = b.lead('leader-test', async () => void led.push('b'), { retryMs: 50 });
      const heard: string[] = [];
      a.listen('ping', (p) => heard.push(`a:${p}`));
      b.listen('ping', (p) => heard.push(`b:${p}`));
      await b.notify('ping', 'hola');
      await waitUntil(() => heard.length === 2, 'the signal on both instances');
      expect(heard.sort()).toEqual(['a:hola', 'b:hola']);
      expect(led).toEqual(['a']);
      expect(leaderB.leading).toBe(false);
      await leaderA.stop();
      await waitUntil(() => led.length === 2, 'the second instance to take over');
      expect(led).toEqual(['a', 'b']);
      expect(leaderB.leading).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
