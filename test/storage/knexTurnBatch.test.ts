// A turn's writes committed together after the turn: state, transcript lines and the conversation
// reference are all there or none is (a stale state write takes the turn's lines with it), lines keep
// the order of the turn, and a state saved twice in one turn stores the last document.
import { beforeEach, expect, it } from 'vitest';
import type { NewTranscriptEntry } from '../../src/domain/handoffTranscript';
import { ETagConflictError, KnexStorage } from '../../src/storage/knexStorage';
import { KnexTurnBatch } from '../../src/storage/knexTurnBatch';
import { KnexTurnCommitter } from '../../src/storage/knexTurnCommitter';
import { KnexConversationReferenceRepository } from '../../src/storage/repositories/knexConversationReferenceRepository';
import { KnexHandoffTranscriptRepository } from '../../src/storage/repositories/knexHandoffTranscriptRepository';
import { describeDatabases } from '../helpers/testDb';

const AT = new Date('2026-11-27T15:00:00.000Z');
const KEY = 'webchat/conversations/turn-batch';
const CONVERSATION = 'webchat:turn-batch';

function lines(...texts: string[]): NewTranscriptEntry[] {
  return texts.map((text, i) => ({ conversationKey: CONVERSATION, author: i === 0 ? 'user' : 'bot', text, at: AT }));
}

const reference = { conversationKey: CONVERSATION, channel: 'webchat', reference: { conversation: { id: 'turn-batch' } }, updatedAt: AT };

describeDatabases('turn batch', ({ db }) => {
  beforeEach(async () => {
    await db().knex('bot_state').delete();
    await db().knex('transcript_entries').where({ conversation_key: CONVERSATION }).delete();
    await db().knex('conversation_references').where({ conversation_key: CONVERSATION }).delete();
  });

  it('writes state, lines in the order of the turn, and the reference in one commit', async () => {
    const batch = new KnexTurnBatch(new KnexTurnCommitter(db().knex, () => AT));
    const eTag = batch.saveState(KEY, { step: 1, eTag: '*' });
    const stored = batch.appendTranscript(lines('hola', 'Hola, soy el asistente', '1. Registrarme'));
    const referenceWritten = batch.upsertReference(reference);
    await batch.commit();

    const state = (await new KnexStorage(db().knex).read([KEY]))[KEY] as { step: number; eTag: string };
    expect(state.step).toBe(1);
    expect(state.eTag).toBe(await eTag);
    const ids = (await stored).map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const listed = await new KnexHandoffTranscriptRepository(db().knex).list(CONVERSATION);
    expect(listed.map((e) => [e.id, e.text])).toEqual((await stored).map((e) => [e.id, e.text]));
    await referenceWritten;
    expect(await new KnexConversationReferenceRepository(db().knex).find(CONVERSATION)).toMatchObject({ channel: 'webchat' });
    expect(batch.closed).toBe(true);
    expect(() => batch.appendTranscript(lines('tarde'))).toThrow(/already committed/);
  });

  it('a stale state write refuses the whole turn: no line and no reference is stored', async () => {
    const storage = new KnexStorage(db().knex);
    await storage.write({ [KEY]: { step: 1, eTag: '*' } });
    const loaded = (await storage.read([KEY]))[KEY] as { eTag: string };
    // Another instance saved the conversation meanwhile.
    await storage.write({ [KEY]: { step: 2, eTag: loaded.eTag } });

    const batch = new KnexTurnBatch(new KnexTurnCommitter(db().knex, () => AT));
    const eTag = batch.saveState(KEY, { step: 3, eTag: loaded.eTag });
    const stored = batch.appendTranscript(lines('hola'));
    const referenceWritten = batch.upsertReference(reference);
    await expect(batch.commit()).rejects.toBeInstanceOf(ETagConflictError);
    await expect(eTag).rejects.toBeInstanceOf(ETagConflictError);
    await expect(stored).rejects.toBeInstanceOf(ETagConflictError);
    await expect(referenceWritten).rejects.toBeInstanceOf(ETagConflictError);

    expect(((await storage.read([KEY]))[KEY] as { step: number }).step).toBe(2);
    expect(await new KnexHandoffTranscriptRepository(db().knex).list(CONVERSATION)).toEqual([]);
    expect(await new KnexConversationReferenceRepository(db().knex).find(CONVERSATION)).toBeUndefined();
  });

  it('a state saved twice in one turn stores the last document, checked against the eTag loaded first', async () => {
    const storage = new KnexStorage(db().knex);
    await storage.write({ [KEY]: { step: 1, eTag: '*' } });
    const loaded = (await storage.read([KEY]))[KEY] as { eTag: string };

    const batch = new KnexTurnBatch(new KnexTurnCommitter(db().knex, () => AT));
    const first = batch.saveState(KEY, { step: 2, eTag: loaded.eTag });
    const second = batch.saveState(KEY, { step: 3, eTag: loaded.eTag });
    await batch.commit();
    const state = (await storage.read([KEY]))[KEY] as { step: number; eTag: string };
    expect(state.step).toBe(3);
    expect(await first).toBe(state.eTag);
    expect(await second).toBe(state.eTag);
  });

  it('a turn that only adds lines (state and reference unchanged) stores them in the order of the turn', async () => {
    const batch = new KnexTurnBatch(new KnexTurnCommitter(db().knex, () => AT));
    const stored = batch.appendTranscript(lines('ayuda', 'Puedo ayudarte con esto', '1. Registrarme'));
    await batch.commit();

    const listed = await new KnexHandoffTranscriptRepository(db().knex).list(CONVERSATION);
    expect(listed.map((e) => [e.id, e.author, e.text])).toEqual((await stored).map((e) => [e.id, e.author, e.text]));
    expect(listed.map((e) => e.text)).toEqual(['ayuda', 'Puedo ayudarte con esto', '1. Registrarme']);
    expect(await new KnexStorage(db().knex).read([KEY])).toEqual({});
  });

  it('a changed state and its lines (the usual changed turn) are stored together, or neither when the state is stale', async () => {
    const storage = new KnexStorage(db().knex);
    await storage.write({ [KEY]: { step: 1, eTag: '*' } });
    const loaded = (await storage.read([KEY]))[KEY] as { eTag: string };

    const batch = new KnexTurnBatch(new KnexTurnCommitter(db().knex, () => AT));
    const eTag = batch.saveState(KEY, { step: 2, menu: ['Registrarme', 'Autorizaciones'], eTag: loaded.eTag });
    const stored = batch.appendTranscript([
      ...lines('hola', 'Hola, soy el asistente'),
      { conversationKey: CONVERSATION, author: 'bot', text: '¿Qué necesitas?', options: ['Registrarme', 'Autorizaciones'], attachments: [{ name: 'guia.pdf', contentType: 'application/pdf' }], at: AT },
    ]);
    await batch.commit();
    const state = (await storage.read([KEY]))[KEY] as { step: number; menu: string[]; eTag: string };
    expect(state).toMatchObject({ step: 2, menu: ['Registrarme', 'Autorizaciones'], eTag: await eTag });
    const listed = await new KnexHandoffTranscriptRepository(db().knex).list(CONVERSATION);
    expect(listed.map((e) => [e.id, e.text])).toEqual((await stored).map((e) => [e.id, e.text]));
    expect(listed[2]).toMatchObject({ author: 'bot', options: ['Registrarme', 'Autorizaciones'], attachments: [{ name: 'guia.pdf', contentType: 'application/pdf' }] });
    expect(listed[0]!.at.toISOString()).toBe(AT.toISOString());

    // The same eTag again is stale now: nothing of that turn is stored.
    const stale = new KnexTurnBatch(new KnexTurnCommitter(db().knex, () => AT));
    const staleETag = stale.saveState(KEY, { step: 3, eTag: loaded.eTag });
    const staleLines = stale.appendTranscript(lines('tarde'));
    await expect(stale.commit()).rejects.toBeInstanceOf(ETagConflictError);
    await expect(staleETag).rejects.toBeInstanceOf(ETagConflictError);
    await expect(staleLines).rejects.toBeInstanceOf(ETagConflictError);
    expect(((await storage.read([KEY]))[KEY] as { step: number }).step).toBe(2);
    expect((await new KnexHandoffTranscriptRepository(db().knex).list(CONVERSATION)).map((e) => e.text)).not.toContain('tarde');
  });
});


describeDatabases('turns that end together (group commit)', ({ db }) => {
  const keys = Array.from({ length: 20 }, (_, i) => `webchat/conversations/group-${i}`);
  const conversationOf = (i: number) => `webchat:group-${i}`;

  beforeEach(async () => {
    await db().knex('bot_state').whereIn('key', keys).delete();
    await db().knex('transcript_entries').where('conversation_key', 'like', 'webchat:group-%').delete();
  });

  /** Stores a first state for each key and returns the eTags loaded, as each turn would start. */
  async function loadedETags(): Promise<string[]> {
    const storage = new KnexStorage(db().knex);
    await storage.write(Object.fromEntries(keys.map((key, i) => [key, { step: 0, turn: i, eTag: '*' }])));
    const items = await storage.read(keys);
    return keys.map((key) => (items[key] as { eTag: string }).eTag);
  }

  function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const record = (query: { sql: string }) => seen.push(query.sql.trim().toLowerCase());
    db().knex.on('query', record);
    return run().then(
      () => {
        db().knex.off('query', record);
        return seen;
      },
      (error: unknown) => {
        db().knex.off('query', record);
        throw error;
      },
    );
  }

  it('writes twenty turns in a few statements, each turn with its own eTag and its lines in order', async () => {
    const eTags = await loadedETags();
    const committer = new KnexTurnCommitter(db().knex, () => AT);
    const batches = keys.map(() => new KnexTurnBatch(committer));
    const saved = batches.map((batch, i) => batch.saveState(keys[i]!, { step: 1, turn: i, eTag: eTags[i] }));
    const stored = batches.map((batch, i) =>
      batch.appendTranscript([
        { conversationKey: conversationOf(i), author: 'user', text: `hola ${i}`, at: AT },
        { conversationKey: conversationOf(i), author: 'bot', text: `respuesta ${i}`, at: AT },
      ]),
    );
    const statements = await statementsOf(() => Promise.all(batches.map((batch) => batch.commit())));
    // One turn alone first (nothing was being written), then the other nineteen together.
    expect(statements.length).toBeLessThanOrEqual(8);

    const items = await new KnexStorage(db().knex).read(keys);
    for (const [i, key] of keys.entries()) {
      expect(items[key]).toMatchObject({ step: 1, turn: i, eTag: await saved[i] });
      const lines = await new KnexHandoffTranscriptRepository(db().knex).list(conversationOf(i));
      expect(lines.map((line) => [line.id, line.text])).toEqual((await stored[i]!).map((line) => [line.id, line.text]));
      expect(lines.map((line) => line.text)).toEqual([`hola ${i}`, `respuesta ${i}`]);
    }
  });

  it('a stale state fails its own turn only; the others of its group are stored', async () => {
    const eTags = await loadedETags();
    // Another instance saved turn 7's conversation meanwhile.
    await new KnexStorage(db().knex).write({ [keys[7]!]: { step: 9, eTag: eTags[7] } });
    const committer = new KnexTurnCommitter(db().knex, () => AT);
    const batches = keys.map(() => new KnexTurnBatch(committer));
    batches.forEach((batch, i) => {
      void batch.saveState(keys[i]!, { step: 1, turn: i, eTag: eTags[i] }).catch(() => undefined);
      void batch.appendTranscript([{ conversationKey: conversationOf(i), author: 'user', text: `hola ${i}`, at: AT }]).catch(() => undefined);
    });
    const outcomes = await Promise.allSettled(batches.map((batch) => batch.commit()));
    expect(outcomes.map((o) => o.status)).toEqual(keys.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    expect((outcomes[7] as PromiseRejectedResult).reason).toBeInstanceOf(ETagConflictError);
    const items = await new KnexStorage(db().knex).read(keys);
    expect(keys.map((key) => (items[key] as { step: number }).step)).toEqual(keys.map((_, i) => (i === 7 ? 9 : 1)));
    expect(await new KnexHandoffTranscriptRepository(db().knex).list(conversationOf(7))).toEqual([]);
    expect((await new KnexHandoffTranscriptRepository(db().knex).list(conversationOf(8))).map((line) => line.text)).toEqual(['hola 8']);
  });

  it("stores first states (conversations never saved) that end in a group with others' changes", async () => {
    const eTags = await loadedETags();
    await db().knex('bot_state').whereIn('key', keys.slice(10)).delete();
    const committer = new KnexTurnCommitter(db().knex, () => AT);
    const batches = keys.map(() => new KnexTurnBatch(committer));
    const saved = batches.map((batch, i) => batch.saveState(keys[i]!, { step: 1, turn: i, eTag: i < 10 ? eTags[i] : 'not-stored-yet' }));
    await Promise.all(batches.map((batch) => batch.commit()));
    const items = await new KnexStorage(db().knex).read(keys);
    for (const [i, key] of keys.entries()) expect(items[key]).toMatchObject({ step: 1, turn: i, eTag: await saved[i] });
  });
});
