// The Direct Line log in the database, on both engines: a conversation's history is trimmed past its
// share, the conversations used the longest ago lose theirs past the total and come back (sequence kept)
// when their client does, a held message shows nothing (its text never stored) until released, and two
// instances appending to one conversation at once never take the same sequence number.
import { beforeEach, expect, it } from 'vitest';
import { CONVERSATION_OVERHEAD_BYTES, DEFAULT_STORE_BUDGET, StoreBudget } from '../../src/channels/directline/directLineStore';
import { KnexDirectLineStore } from '../../src/storage/repositories/knexDirectLineStore';
import { fixedClock } from '../helpers/clock';
import { describeDatabases } from '../helpers/testDb';

const message = (text: string) => ({ type: 'message', text });
const created = new Date('2026-11-27T15:00:00Z');

describeDatabases(
  'Direct Line log',
  ({ db }) => {
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const storeWith = (budget: Partial<StoreBudget> = {}) => new KnexDirectLineStore(db().knex, clock, { ...DEFAULT_STORE_BUDGET, ...budget });

    beforeEach(async () => {
      await db().knex('directline_activities').delete();
      await db().knex('directline_conversations').delete();
    });

    it("trims a conversation's oldest activities past its byte share, keeping the newest", async () => {
      const store = storeWith({ maxConversations: 10, maxActivitiesPerConversation: 1000, maxBytesPerConversation: 4096, maxTotalBytes: 1 << 20 });
      await store.createConversation({ id: 'a', userId: 'dl_a', createdAt: created });
      for (let i = 0; i < 100; i++) await store.append('a', message(`mensaje ${i} ${'x'.repeat(200)}`));
      const page = await store.activitiesAfter('a', 0);
      expect(page.watermark).toBe(100);
      expect(page.entries.at(-1)!.activity.text).toContain('mensaje 99 ');
      expect(page.entries.at(-1)!.activity.id).toBe('a|0000100');
      expect(page.entries.length).toBeLessThan(20);
      expect((await store.usage()).bytes).toBeLessThanOrEqual(4096);
    });

    it('keeps at most its count of activities per conversation', async () => {
      const store = storeWith({ maxActivitiesPerConversation: 8 });
      await store.createConversation({ id: 'a', userId: 'dl_a', createdAt: created });
      for (let i = 1; i <= 30; i++) await store.append('a', message(`m${i}`));
      const texts = (await store.activitiesAfter('a', 0)).entries.map((e) => e.activity.text);
      expect(texts.length).toBeLessThanOrEqual(8);
      expect(texts.at(-1)).toBe('m30');
    });

    it('drops the conversation used the longest ago past the total, and re-attaches it with its sequence', async () => {
      const store = storeWith({ maxConversations: 100, maxActivitiesPerConversation: 1000, maxBytesPerConversation: 8192, maxTotalBytes: 3 * 8192 });
      await store.createConversation({ id: 'idle', userId: 'dl_idle', createdAt: created });
      await store.append('idle', message('hola'));
      for (const id of ['b', 'c', 'd', 'e']) {
        await store.createConversation({ id, userId: `dl_${id}`, createdAt: created });
        for (let i = 0; i < 40; i++) await store.append(id, message('y'.repeat(300)));
      }
      expect((await store.usage()).bytes).toBeLessThanOrEqual(3 * 8192);
      expect(await store.getConversation('idle')).toBeUndefined();
      expect(await store.reattach('idle')).toBe(true);
      expect(await store.getConversation('idle')).toMatchObject({ userId: 'dl_idle', watermark: 1 });
      const { watermark } = await store.append('idle', message('sigo aquí'));
      expect(watermark).toBe(2);
    });

    it('past its number of conversations, drops the one used the longest ago', async () => {
      const store = storeWith({ maxConversations: 3 });
      for (const id of ['a', 'b', 'c']) await store.createConversation({ id, userId: `dl_${id}`, createdAt: created });
      await store.append('a', message('a sigue hablando'));
      await store.createConversation({ id: 'd', userId: 'dl_d', createdAt: created });
      expect(await store.getConversation('b')).toBeUndefined();
      expect(await store.getConversation('a')).toMatchObject({ watermark: 1 });
      expect((await store.usage()).conversations).toBe(3);
    });

    it('never re-attaches a conversation it did not have', async () => {
      const store = storeWith();
      expect(await store.reattach('nunca')).toBe(false);
      expect(await store.getConversation('nunca')).toBeUndefined();
    });

    it('counts a fixed cost per conversation, so empty conversations cannot outgrow the total either', async () => {
      const store = storeWith({ maxConversations: 1000, maxActivitiesPerConversation: 10, maxBytesPerConversation: 4096, maxTotalBytes: 10 * CONVERSATION_OVERHEAD_BYTES });
      for (let i = 0; i < 50; i++) {
        await store.createConversation({ id: `c${i}`, userId: 'dl_x', createdAt: created });
        await store.append(`c${i}`, message('hola'));
      }
      const usage = await store.usage();
      expect(usage.bytes).toBeLessThanOrEqual(10 * CONVERSATION_OVERHEAD_BYTES);
      expect(usage.conversations).toBeLessThan(10);
    });

    it('holds a message back, and what follows it, without storing its text until released', async () => {
      const store = storeWith();
      await store.createConversation({ id: 'h', userId: 'dl_h', createdAt: created });
      await store.append('h', message('¿Cuál es tu contraseña?'));
      const { activity: held } = await store.hold('h', { ...message('Clave#Secreta1'), channelData: { clientActivityID: 'c-1' } }, 60_000);
      await store.append('h', message('Bienvenida'));
      const before = await store.activitiesAfter('h', 0);
      expect(before.entries.map((e) => e.activity.text)).toEqual(['¿Cuál es tu contraseña?']);
      expect(before.watermark).toBe(1);
      const rows = (await db().knex('directline_activities').select('body')) as Array<{ body: string }>;
      expect(rows.map((r) => r.body).join('\n')).not.toContain('Clave#Secreta1');
      // A retry of the same post finds it while it is held.
      expect((await store.findByClientActivityId('h', 'c-1'))?.id).toBe(held.id);

      await store.release('h', { ...held, text: '[oculto]' });
      const after = await store.activitiesAfter('h', 1);
      expect(after.entries.map((e) => e.activity.text)).toEqual(['[oculto]', 'Bienvenida']);
      expect(after.watermark).toBe(3);
    });

    it('leaves out a hold whose instance died, once its time has passed, and shows the rest', async () => {
      const store = storeWith();
      await store.createConversation({ id: 'x', userId: 'dl_x', createdAt: created });
      await store.hold('x', message('nunca se supo'), 1000);
      await store.append('x', message('aviso'));
      expect((await store.activitiesAfter('x', 0)).entries).toEqual([]);
      clock.advance(2000);
      const page = await store.activitiesAfter('x', 0);
      expect(page.entries.map((e) => e.activity.text)).toEqual(['aviso']);
      expect(page.watermark).toBe(2);
    });

    it('gives two instances appending to one conversation at once distinct, consecutive sequence numbers', async () => {
      const [one, two] = [storeWith(), storeWith()];
      await one.createConversation({ id: 'both', userId: 'dl_b', createdAt: created });
      const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).append('both', message(`m${i}`))));
      expect(new Set(appended.map((a) => a.watermark)).size).toBe(40);
      const page = await one.activitiesAfter('both', 0);
      expect(page.entries.map((e) => e.watermark)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    it('writes what fifty conversations ask for at once in a few transactions, each in the order asked', async () => {
      const store = storeWith();
      const ids = Array.from({ length: 50 }, (_, i) => `g${i}`);
      for (const id of ids) await store.createConversation({ id, userId: `dl_${id}`, createdAt: created });
      const transactions: string[] = [];
      const count = (query: { sql: string }) => {
        if (/^begin/i.test(query.sql.trim())) transactions.push(query.sql);
      };
      db().knex.on('query', count);
      try {
        // Each conversation: its user's message held, two replies, the hold released — as a web chat turn.
        await Promise.all(
          ids.map(async (id) => {
            const { activity: held } = await store.hold(id, message(`pregunta de ${id}`), 60_000);
            await store.append(id, message(`respuesta 1 a ${id}`));
            await store.append(id, message(`respuesta 2 a ${id}`));
            await store.release(id, held);
          }),
        );
      } finally {
        db().knex.off('query', count);
      }
      // Four steps per conversation, two hundred writes: grouped, not one transaction each.
      expect(transactions.length).toBeLessThanOrEqual(12);
      for (const id of ids) {
        const page = await store.activitiesAfter(id, 0);
        expect(page.entries.map((e) => [e.watermark, e.activity.text])).toEqual([
          [1, `pregunta de ${id}`],
          [2, `respuesta 1 a ${id}`],
          [3, `respuesta 2 a ${id}`],
        ]);
      }
      expect((await store.usage()).conversations).toBe(50);
    });

    it('starts the log of a conversation it never had when a group sends to it (a proactive message)', async () => {
      const store = storeWith();
      await store.createConversation({ id: 'known', userId: 'dl_known', createdAt: created });
      const [known, unknown] = await Promise.all([
        store.append('known', message('hola')),
        store.append('nueva', { ...message('Tienes novedades'), recipient: { id: 'dl_nueva', name: '' } }),
      ]);
      expect([known.watermark, unknown.watermark]).toEqual([1, 1]);
      expect(await store.getConversation('nueva')).toMatchObject({ userId: 'dl_nueva', watermark: 1 });
    });

    it('moves the sequence forward for a client that knew a longer log', async () => {
      const store = storeWith();
      await store.createConversation({ id: 'w', userId: 'dl_w', createdAt: created });
      await store.advanceWatermark('w', 12);
      expect((await store.append('w', message('hola'))).watermark).toBe(13);
      expect((await store.activitiesAfter('w', 12)).entries.map((e) => e.activity.text)).toEqual(['hola']);
    });
  },
  { seed: 'none' },
);
