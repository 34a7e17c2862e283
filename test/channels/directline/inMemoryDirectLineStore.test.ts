// The store's budget: a conversation's history is trimmed past its share, the store drops the idle
// conversations past its total, and a dropped conversation comes back (sequence kept) when its client does.
import { describe, expect, it } from 'vitest';
import { InMemoryDirectLineStore } from '../../../src/channels/directline/inMemoryDirectLineStore';
import { CONVERSATION_OVERHEAD_BYTES } from '../../../src/channels/directline/directLineStore';

const message = (text: string) => ({ type: 'message', text });
const created = new Date('2026-11-27T15:00:00Z');

describe('InMemoryDirectLineStore budget', () => {
  it("trims a conversation's oldest activities past its byte share, keeping the newest", async () => {
    const store = new InMemoryDirectLineStore({ maxConversations: 10, maxActivitiesPerConversation: 1000, maxBytesPerConversation: 4096, maxTotalBytes: 1 << 20 });
    await store.createConversation({ id: 'a', userId: 'dl_a', createdAt: created });
    for (let i = 0; i < 100; i++) await store.append('a', message(`mensaje ${i} ${'x'.repeat(200)}`));
    const page = await store.activitiesAfter('a', 0);
    expect(page.watermark).toBe(100);
    expect(page.entries.at(-1)!.activity.text).toContain('mensaje 99 ');
    expect(page.entries.length).toBeLessThan(20);
    expect((await store.usage()).bytes).toBeLessThanOrEqual(4096);
  });

  it('drops the conversation idle the longest past the total, and re-attaches it with its sequence', async () => {
    const store = new InMemoryDirectLineStore({ maxConversations: 100, maxActivitiesPerConversation: 1000, maxBytesPerConversation: 8192, maxTotalBytes: 3 * 8192 });
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

  it('never re-attaches a conversation it did not have', async () => {
    const store = new InMemoryDirectLineStore();
    expect(await store.reattach('nunca')).toBe(false);
    expect(await store.getConversation('nunca')).toBeUndefined();
  });

  it('counts a fixed cost per conversation, so empty conversations cannot outgrow the total either', async () => {
    const store = new InMemoryDirectLineStore({ maxConversations: 1000, maxActivitiesPerConversation: 10, maxBytesPerConversation: 4096, maxTotalBytes: 10 * CONVERSATION_OVERHEAD_BYTES });
    for (let i = 0; i < 50; i++) {
      await store.createConversation({ id: `c${i}`, userId: 'dl_x', createdAt: created });
      await store.append(`c${i}`, message('hola'));
    }
    const usage = await store.usage();
    expect(usage.bytes).toBeLessThanOrEqual(10 * CONVERSATION_OVERHEAD_BYTES);
    expect(usage.conversations).toBeLessThan(10);
  });
});
