// A bot-initiated send that fails (an agent's reply, a notice) must reach whoever asked for it, on every
// in-process channel: never onTurnError, which would apologise to the user and reset their dialog while
// the caller believed the message was delivered.
import { Activity, TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectLineAdapter } from '../../src/channels/directline/directLineAdapter';
import { InProcessAdapter } from '../../src/channels/inProcessAdapter';
import { WhatsAppCloudAdapter } from '../../src/channels/whatsapp/cloudAdapter';
import { MemoryWhatsAppCloudStore } from '../../src/channels/whatsapp/cloudStore';
import { WebJsAdapter } from '../../src/channels/whatsapp/webjsAdapter';
import { silentLogger } from '../../src/observability/logger';
import { fixedClock } from '../helpers/clock';
import { FakeWebJsClient } from '../helpers/fakeWebJsClient';
import { tempStagedStore } from './whatsapp/fakes';

const clock = fixedClock('2026-11-27T15:00:00Z');
const bot = { run: async () => undefined };
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

class TransportDown extends Error {
  constructor() {
    super('transport down');
    this.name = 'TransportDown';
  }
}

async function webjs(): Promise<InProcessAdapter> {
  const staged = await tempStagedStore();
  cleanups.push(staged.cleanup);
  const client = new FakeWebJsClient();
  client.sendText = async () => {
    throw new TransportDown();
  };
  return new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
}

async function cloud(): Promise<InProcessAdapter> {
  const staged = await tempStagedStore();
  cleanups.push(staged.cleanup);
  const store = new MemoryWhatsAppCloudStore();
  await store.touchInbound('573001112233', clock.now());
  const client = {
    sendMessage: async (): Promise<string> => {
      throw new TransportDown();
    },
    uploadMedia: async (): Promise<string> => 'media',
    downloadMedia: async () => {
      throw new TransportDown();
    },
  };
  return new WhatsAppCloudAdapter({ client, store, bot, files: staged.store, clock, logger: silentLogger });
}

async function webchat(): Promise<InProcessAdapter> {
  return new DirectLineAdapter({
    clock,
    bot,
    botAccount: { id: 'oficina-virtual', name: 'Oficina Virtual' },
    serviceUrl: 'urn:oficina-virtual:directline',
    deliver: async () => {
      throw new TransportDown();
    },
  });
}

describe.each([
  ['web chat', webchat, 'dl_conversation'],
  ['whatsapp-web.js', webjs, '573001112233@c.us'],
  ['WhatsApp Cloud API', cloud, '573001112233'],
])('a failed proactive send on %s', (_channel, build, conversationId) => {
  it('reaches the caller and never the turn error handler', async () => {
    const adapter = await build();
    const turnErrors: Error[] = [];
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
    const reply: Partial<Activity> = { type: 'message', text: 'Hola, soy tu asesora.' };
    const send = adapter.continueConversation(adapter.referenceFor(conversationId), async (context: TurnContext) => {
      await context.sendActivity(reply);
    });
    await expect(send).rejects.toBeInstanceOf(TransportDown);
    expect(turnErrors).toEqual([]);
  });
});
