// KnexStorage against the contract of botbuilder's own storage tests (botbuilder-core/tests/storageBaseTests.js),
// plus the cases this project leans on: odd keys, stale writes from concurrent turns, and state that survives.
import {
  AutoSaveStateMiddleware,
  ConversationState,
  MessageFactory,
  TestAdapter,
  TurnContext,
  type ConversationAccount,
  type StoreItems,
} from 'botbuilder';
import { Dialog, DialogSet, TextPrompt, WaterfallDialog, type WaterfallStep } from 'botbuilder-dialogs';
import { beforeEach, expect, it } from 'vitest';
import { ETagConflictError, KnexStorage } from '../../src/storage/knexStorage';
import { OptimisticConversationState } from '../../src/storage/optimisticConversationState';
import { describeDatabases } from '../helpers/testDb';

describeDatabases(
  'KnexStorage',
  ({ db }) => {
    let storage: KnexStorage;
    beforeEach(async () => {
      await db().knex('bot_state').delete();
      storage = new KnexStorage(db().knex);
    });

    it('reads an unknown key as absent', async () => {
      expect(await storage.read(['unknown'])).toEqual({});
    });

    it('refuses null keys and changes like MemoryStorage, and accepts an empty batch', async () => {
      await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
      await expect(storage.write(null as unknown as StoreItems)).rejects.toThrow(ReferenceError);
      await expect(storage.write({})).resolves.toBeUndefined();
      await expect(storage.delete([])).resolves.toBeUndefined();
    });

    it('creates objects and gives each an eTag', async () => {
      await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2, nested: { list: ['a', 'b'] } } });
      const read = await storage.read(['createPoco', 'createPocoStoreItem']);
      expect(read.createPoco).toMatchObject({ id: 1 });
      expect(read.createPocoStoreItem).toMatchObject({ id: 2, nested: { list: ['a', 'b'] } });
      expect(typeof read.createPoco.eTag).toBe('string');
      expect(read.createPoco.eTag).not.toBe(read.createPocoStoreItem.eTag);
    });

    it('updates with the current eTag, refuses a stale one, and lets "*" or no eTag overwrite', async () => {
      await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
      const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      const pocoItem = loaded.pocoItem;
      delete pocoItem.eTag;
      const pocoStoreItem = loaded.pocoStoreItem;
      const firstETag = pocoStoreItem.eTag as string;
      pocoItem.count++;
      pocoStoreItem.count++;
      await storage.write(loaded);

      const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(reloaded.pocoItem.count).toBe(2);
      expect(reloaded.pocoStoreItem.count).toBe(2);
      expect(reloaded.pocoStoreItem.eTag).not.toBe(firstETag);

      pocoItem.count = 123;
      await expect(storage.write({ pocoItem })).resolves.toBeUndefined();
      pocoStoreItem.count = 123;
      await expect(storage.write({ pocoStoreItem })).rejects.toBeInstanceOf(ETagConflictError);

      const afterConflict = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(afterConflict.pocoItem.count).toBe(123);
      expect(afterConflict.pocoStoreItem.count).toBe(2);

      await storage.write({
        pocoItem: { ...afterConflict.pocoItem, count: 100, eTag: undefined },
        pocoStoreItem: { ...afterConflict.pocoStoreItem, count: 100, eTag: '*' },
      });
      const final = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(final.pocoItem.count).toBe(100);
      expect(final.pocoStoreItem.count).toBe(100);
    });

    it('keeps a batch all-or-nothing when one item is stale', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 1 } });
      const { a, b } = await storage.read(['a', 'b']);
      await storage.write({ b: { ...b, n: 2 } });
      await expect(storage.write({ a: { ...a, n: 9 }, b: { ...b, n: 9 } })).rejects.toBeInstanceOf(ETagConflictError);
      const after = await storage.read(['a', 'b']);
      expect(after.a.n).toBe(1);
      expect(after.b.n).toBe(2);
    });

    it('lets exactly one of two writers holding the same eTag win', async () => {
      await storage.write({ race: { n: 0 } });
      const { race } = await storage.read(['race']);
      const results = await Promise.allSettled([
        storage.write({ race: { ...race, n: 1 } }),
        storage.write({ race: { ...race, n: 2 } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(ETagConflictError);
      expect([1, 2]).toContain((await storage.read(['race'])).race.n);
    });

    it('deletes objects, and deleting an unknown key is fine', async () => {
      await storage.write({ delete1: { id: 1, count: 1 } });
      expect((await storage.read(['delete1'])).delete1.count).toBe(1);
      await storage.delete(['delete1']);
      expect((await storage.read(['delete1'])).delete1).toBeUndefined();
      await expect(storage.delete(['unknown_key'])).resolves.toBeUndefined();
    });

    it('performs batch operations', async () => {
      await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
      const result = await storage.read(['batch1', 'batch2', 'batch3']);
      expect([result.batch1.count, result.batch2.count, result.batch3.count]).toEqual([10, 20, 30]);
      await storage.delete(['batch1', 'batch2', 'batch3']);
      expect(await storage.read(['batch1', 'batch2', 'batch3'])).toEqual({});
    });

    it.each([
      ['symbols', '!@#$%^&*()~/\\><,.?\';"`~'],
      ['slashes like botbuilder keys', 'webchat/conversations/abc|0000001/users/u-1'],
      ['unicode', 'whatsapp/conversations/ñandú-Ünïcødé-😀-中文'],
      ['SQL wildcards', "50% off_ ' OR 1=1 --"],
      ['a long key', `emulator/conversations/${'x'.repeat(1000)}`],
    ])('handles odd keys: %s', async (_name, key) => {
      await storage.write({ [key]: { id: 1 } });
      const read = await storage.read([key, 'other']);
      expect(Object.keys(read)).toEqual([key]);
      expect(read[key].id).toBe(1);
      await storage.delete([key]);
      expect(await storage.read([key])).toEqual({});
    });

    it('keeps state whose text PostgreSQL JSON would refuse (NUL, lone surrogates), without losing the rest', async () => {
      const typed = { text: 'a\u0000b', lone: 'x\ud83dy', emoji: 'hola 😀', literal: 'C:\\u0000\\new', nested: ['\udc00'] };
      await storage.write({ odd: typed });
      expect((await storage.read(['odd'])).odd).toMatchObject({
        text: 'a\ufffdb',
        lone: 'x\ufffdy',
        emoji: 'hola 😀',
        literal: 'C:\\u0000\\new',
        nested: ['\ufffd'],
      });
    });

    it('stamps a new eTag on every write, even of identical content', async () => {
      await storage.write({ same: { v: 1 } });
      const first = (await storage.read(['same'])).same.eTag;
      await storage.write({ same: { v: 1 } });
      expect((await storage.read(['same'])).same.eTag).not.toBe(first);
    });

    it('proceeds through a waterfall with a prompt, state kept between turns', async () => {
      const convoState = new ConversationState(storage);
      const dialogs = new DialogSet(convoState.createProperty('dialogState'));
      const adapter = new TestAdapter(async (turnContext) => {
        const dc = await dialogs.createContext(turnContext);
        await dc.continueDialog();
        if (!turnContext.responded) await dc.beginDialog('waterfall');
      }).use(new AutoSaveStateMiddleware(convoState));
      dialogs.add(
        new TextPrompt('textPrompt', async (prompt) => {
          if ((prompt.recognized.value ?? '').length > 3) {
            await prompt.context.sendActivity(`Lo lograste en el intento ${prompt.attemptCount}`);
            return true;
          }
          await prompt.context.sendActivity(`Escribe más de 3 letras. ${prompt.attemptCount}`);
          return false;
        }),
      );
      const steps: WaterfallStep[] = [
        async (step) => {
          await step.context.sendActivity('paso 1');
          return Dialog.EndOfTurn;
        },
        async (step) => step.prompt('textPrompt', { prompt: MessageFactory.text('¿Cómo te llamas?') }),
        async (step) => {
          await step.context.sendActivity('paso 3');
          return Dialog.EndOfTurn;
        },
      ];
      dialogs.add(new WaterfallDialog('waterfall', steps));
      await adapter
        .send('hola')
        .assertReply('paso 1')
        .send('hola')
        .assertReply('¿Cómo te llamas?')
        .send('yo')
        .assertReply('Escribe más de 3 letras. 1')
        .send('Kyle')
        .assertReply('Lo lograste en el intento 2')
        .assertReply('paso 3')
        .startTest();
      // The dialog stack lives in bot_state, one row for the conversation.
      const rows = (await db().knex('bot_state').select('key', 'doc')) as Array<{ key: string; doc: unknown }>;
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0]?.doc)).toContain('dialogState');
    });
  },
  { seed: 'none' },
);

describeDatabases(
  'OptimisticConversationState',
  ({ db }) => {
    const adapter = new TestAdapter(async () => undefined);
    const turn = (): TurnContext =>
      new TurnContext(adapter, {
        type: 'message',
        channelId: 'webchat',
        conversation: { id: 'conversation-1' } as ConversationAccount,
        from: { id: 'user-1', name: 'Usuaria' },
        recipient: { id: 'bot', name: 'Bot' },
        text: 'hola',
      });

    beforeEach(async () => {
      await db().knex('bot_state').delete();
    });

    it('refuses the second of two turns that loaded the same state (plain ConversationState would not)', async () => {
      const state = new OptimisticConversationState(new KnexStorage(db().knex));
      const counter = state.createProperty<number>('counter');
      const seed = turn();
      await counter.set(seed, 1);
      await state.saveChanges(seed);

      const [a, b] = [turn(), turn()];
      await counter.set(a, ((await counter.get(a)) ?? 0) + 10);
      await counter.set(b, ((await counter.get(b)) ?? 0) + 100);
      await state.saveChanges(a);
      await expect(state.saveChanges(b)).rejects.toBeInstanceOf(ETagConflictError);
      expect(await counter.get(turn())).toBe(11);

      // botbuilder's own BotState writes with eTag '*': the same race silently loses turn a's change.
      const plain = new ConversationState(new KnexStorage(db().knex));
      const plainCounter = plain.createProperty<number>('counter');
      const [c, d] = [turn(), turn()];
      await plainCounter.set(c, ((await plainCounter.get(c)) ?? 0) + 10);
      await plainCounter.set(d, ((await plainCounter.get(d)) ?? 0) + 100);
      await plain.saveChanges(c);
      await plain.saveChanges(d);
      expect(await plainCounter.get(turn())).toBe(111);
    });

    it('saves several times in one turn, and skips the write when nothing changed', async () => {
      const storage = new KnexStorage(db().knex);
      const state = new OptimisticConversationState(storage);
      const counter = state.createProperty<number>('counter');
      const context = turn();
      await counter.set(context, 1);
      await state.saveChanges(context);
      await counter.set(context, 2);
      await state.saveChanges(context);
      const [{ e_tag: eTag }] = (await db().knex('bot_state').select('e_tag')) as Array<{ e_tag: string }>;
      await state.saveChanges(context);
      const [{ e_tag: unchanged }] = (await db().knex('bot_state').select('e_tag')) as Array<{ e_tag: string }>;
      expect(unchanged).toBe(eTag);
      expect(await counter.get(turn())).toBe(2);
    });

    it('refuses to create a state that another turn created first', async () => {
      const state = new OptimisticConversationState(new KnexStorage(db().knex));
      const counter = state.createProperty<number>('counter');
      const [a, b] = [turn(), turn()];
      await counter.set(a, 1);
      await counter.set(b, 2);
      await state.saveChanges(a);
      await expect(state.saveChanges(b)).rejects.toBeInstanceOf(ETagConflictError);
    });
  },
  { seed: 'none' },
);
