import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudInboxEntry, MemoryWhatsAppCloudStore, WhatsAppCloudStore } from '../../../src/channels/whatsapp/cloudStore';
import { KnexWhatsAppCloudRepository } from '../../../src/storage/repositories/knexWhatsAppCloudRepository';
import { createTestDb, testEngines } from '../../helpers/testDb';

const T0 = new Date('2026-11-27T15:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function entry(id: string, waId = '573001112233', payload: unknown = { type: 'text', text: { body: 'hola' } }): CloudInboxEntry {
  return { messageId: id, waId, sentAt: T0, payload };
}

type Opened = { store: WhatsAppCloudStore; reset(): Promise<void>; close(): Promise<void> };
type Subject = { name: string; open(): Promise<Opened>; skip?: string };

const subjects: Subject[] = [
  {
    name: 'memory',
    open: async () => {
      const opened: Opened = {
        store: new MemoryWhatsAppCloudStore(),
        reset: async () => {
          opened.store = new MemoryWhatsAppCloudStore();
        },
        close: async () => undefined,
      };
      return opened;
    },
  },
  ...testEngines().map(({ engine, skipReason }) => ({
    name: engine,
    skip: skipReason,
    open: async (): Promise<Opened> => {
      // Migrating once per engine keeps the PostgreSQL run short; each test starts from empty tables.
      const db = await createTestDb({ engine, seed: 'none' });
      return {
        store: new KnexWhatsAppCloudRepository(db.knex),
        reset: async () => {
          for (const table of ['whatsapp_inbox', 'whatsapp_message_statuses', 'whatsapp_contacts']) await db.knex(table).delete();
        },
        close: db.close,
      };
    },
  })),
];

for (const subject of subjects) {
  describe.skipIf(subject.skip !== undefined)(`WhatsApp Cloud store [${subject.name}]${subject.skip ? ` — ${subject.skip}` : ''}`, () => {
    let opened: Opened;
    let store: WhatsAppCloudStore;

    beforeAll(async () => {
      opened = await subject.open();
    });
    beforeEach(async () => {
      await opened.reset();
      store = opened.store;
    });
    afterAll(async () => opened?.close());

    it('stores a message once: a replay of the same wamid is ignored', async () => {
      expect(await store.enqueue([entry('wamid.A'), entry('wamid.B')], T0)).toEqual(['wamid.A', 'wamid.B']);
      expect(await store.enqueue([entry('wamid.A'), entry('wamid.C')], later(1000))).toEqual(['wamid.C']);
      expect((await store.listPending(10)).map((e) => e.messageId)).toEqual(['wamid.A', 'wamid.B', 'wamid.C']);
    });

    it('keeps the id after processing (payload dropped), so a retry days later is still ignored', async () => {
      await store.enqueue([entry('wamid.A')], T0);
      expect(await store.claim('wamid.A', T0)).toBe(true);
      await store.complete('wamid.A', T0);
      expect(await store.enqueue([entry('wamid.A')], later(6 * 24 * 3600_000))).toEqual([]);
      expect(await store.listPending(10)).toEqual([]);
    });

    it('lets only one worker claim an entry, and counts attempts', async () => {
      await store.enqueue([entry('wamid.A')], T0);
      const [first, second] = await Promise.all([store.claim('wamid.A', T0), store.claim('wamid.A', T0)]);
      expect([first, second].sort()).toEqual([false, true]);
      await store.fail('wamid.A', 'boom', true, T0);
      const [again] = await store.listPending(10);
      expect(again).toMatchObject({ messageId: 'wamid.A', attempts: 1, payload: { type: 'text', text: { body: 'hola' } } });
    });

    it('processes one message per sender at a time, other senders meanwhile', async () => {
      await store.enqueue([entry('wamid.A1'), entry('wamid.A2'), entry('wamid.B1', '573009998877')], T0);
      expect(await store.claim('wamid.A1', T0)).toBe(true);
      expect(await store.claim('wamid.A2', T0)).toBe(false);
      expect(await store.claim('wamid.B1', T0)).toBe(true);
      await store.complete('wamid.A1', T0);
      expect(await store.claim('wamid.A2', T0)).toBe(true);
    });

    it('gives up on an entry for good when told so', async () => {
      await store.enqueue([entry('wamid.A')], T0);
      await store.claim('wamid.A', T0);
      await store.fail('wamid.A', 'boom', false, T0);
      expect(await store.listPending(10)).toEqual([]);
      expect(await store.claim('wamid.A', T0)).toBe(false);
    });

    it('requeues entries a crashed worker left in processing', async () => {
      await store.enqueue([entry('wamid.A'), entry('wamid.B', '573009998877')], T0);
      expect(await store.claim('wamid.A', T0)).toBe(true);
      expect(await store.claim('wamid.B', later(10 * 60_000))).toBe(true);
      expect(await store.requeueStale(later(5 * 60_000))).toBe(1);
      expect((await store.listPending(10)).map((e) => e.messageId)).toEqual(['wamid.A']);
    });

    it('purges finished entries older than the retention, never pending ones', async () => {
      await store.enqueue([entry('wamid.old'), entry('wamid.pending')], T0);
      await store.claim('wamid.old', T0);
      await store.complete('wamid.old', T0);
      await store.enqueue([entry('wamid.new')], later(9 * 24 * 3600_000));
      await store.claim('wamid.new', later(9 * 24 * 3600_000));
      await store.complete('wamid.new', later(9 * 24 * 3600_000));
      expect(await store.purge(later(24 * 3600_000))).toBe(1);
      expect(await store.enqueue([entry('wamid.old')], later(10 * 24 * 3600_000))).toEqual(['wamid.old']);
      expect((await store.listPending(10)).map((e) => e.messageId)).toEqual(['wamid.pending', 'wamid.old']);
    });

    it('records each delivery status once', async () => {
      await store.recordStatuses(
        [
          { messageId: 'wamid.OUT', status: 'sent', occurredAt: T0 },
          { messageId: 'wamid.OUT', status: 'delivered', occurredAt: later(1000) },
        ],
        T0,
      );
      await store.recordStatuses([{ messageId: 'wamid.OUT', status: 'delivered', occurredAt: later(1000) }], T0);
      await store.recordStatuses([{ messageId: 'wamid.BAD', status: 'failed', occurredAt: T0, errorCode: 131026 }], T0);
      expect((await store.statusesOf('wamid.OUT')).map((s) => s.status)).toEqual(['sent', 'delivered']);
      expect(await store.statusesOf('wamid.BAD')).toEqual([{ messageId: 'wamid.BAD', status: 'failed', occurredAt: T0, errorCode: 131026 }]);
    });

    it('moves the last inbound time forward only', async () => {
      expect(await store.lastInboundAt('573001112233')).toBeUndefined();
      await store.touchInbound('573001112233', later(60_000));
      await store.touchInbound('573001112233', T0);
      expect(await store.lastInboundAt('573001112233')).toEqual(later(60_000));
      await store.touchInbound('573001112233', later(120_000));
      expect(await store.lastInboundAt('573001112233')).toEqual(later(120_000));
    });
  });
}
