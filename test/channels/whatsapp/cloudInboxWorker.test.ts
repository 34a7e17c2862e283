import { describe, expect, it } from 'vitest';
import { CloudInboxWorker } from '../../../src/channels/whatsapp/cloudInboxWorker';
import { ClaimedInboxEntry, MemoryWhatsAppCloudStore } from '../../../src/channels/whatsapp/cloudStore';
import { silentLogger } from '../../../src/observability/logger';
import { fixedClock } from '../../helpers/clock';

const clock = fixedClock('2026-11-27T15:00:00Z');
const entry = (id: string, waId: string) => ({ messageId: id, waId, sentAt: clock.now(), payload: { id } });
/** Lets other promises run (the other worker's claims), without waiting for time to pass. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Cloud API inbox worker', () => {
  it('with two instances on one inbox, runs a sender\'s messages one at a time and in order', async () => {
    const store = new MemoryWhatsAppCloudStore();
    await store.enqueue([entry('A1', 'ana'), entry('B1', 'beto'), entry('A2', 'ana'), entry('A3', 'ana'), entry('B2', 'beto')], clock.now());
    const ran: string[] = [];
    const active = new Map<string, number>();
    let overlap = false;
    const process = async (e: ClaimedInboxEntry) => {
      const now = (active.get(e.waId) ?? 0) + 1;
      active.set(e.waId, now);
      if (now > 1) overlap = true;
      await yieldTurn();
      ran.push(e.messageId);
      active.set(e.waId, now - 1);
    };
    const workers = [1, 2].map(() => new CloudInboxWorker({ store, process, clock, logger: silentLogger }));

    await Promise.all(workers.map((w) => w.drain()));

    expect(overlap).toBe(false);
    expect(ran.filter((id) => id.startsWith('A'))).toEqual(['A1', 'A2', 'A3']);
    expect(ran.filter((id) => id.startsWith('B'))).toEqual(['B1', 'B2']);
    expect(await store.listPending(10)).toEqual([]);
  });

  it('a second instance does not start a sender\'s next message while the first is still running', async () => {
    const store = new MemoryWhatsAppCloudStore();
    await store.enqueue([entry('A1', 'ana'), entry('A2', 'ana')], clock.now());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const ran: string[] = [];
    const first = new CloudInboxWorker({
      store,
      clock,
      logger: silentLogger,
      process: async (e) => {
        ran.push(`first:${e.messageId}`);
        started();
        await gate;
      },
    });
    const second = new CloudInboxWorker({ store, clock, logger: silentLogger, process: async (e) => void ran.push(`second:${e.messageId}`) });

    const firstDrain = first.drain();
    await firstStarted;
    await second.drain(); // A1 is running: A2 must wait
    expect(ran).toEqual(['first:A1']);
    release();
    await firstDrain;
    expect(ran).toEqual(['first:A1', 'first:A2']);
  });

  it('picks up entries that arrive while it is busy (a kick during a drain is not lost)', async () => {
    const store = new MemoryWhatsAppCloudStore();
    const ran: string[] = [];
    const worker: CloudInboxWorker = new CloudInboxWorker({
      store,
      clock,
      logger: silentLogger,
      process: async (e: ClaimedInboxEntry) => {
        ran.push(e.messageId);
        if (e.messageId === 'first') {
          await store.enqueue([entry('second', 'ana')], clock.now());
          worker.kick();
        }
      },
    });
    await store.enqueue([entry('first', 'ana')], clock.now());
    await worker.drain();
    expect(ran).toEqual(['first', 'second']);
  });

  it('keeps entries pending when the database fails, and never rejects', async () => {
    const store = new MemoryWhatsAppCloudStore();
    await store.enqueue([entry('A1', 'ana')], clock.now());
    store.listPending = async () => {
      throw new Error('database down');
    };
    const worker = new CloudInboxWorker({ store, process: async () => undefined, clock, logger: silentLogger });
    await expect(worker.drain()).resolves.toBeUndefined();
    expect(store.rows.get('A1')?.status).toBe('pending');
  });
});
