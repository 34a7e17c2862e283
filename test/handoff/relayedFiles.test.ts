// A file the user sends while an agent holds the conversation is expected (the upload is admitted even
// though no dialog asked for it) and wanted: it is claimed, so the quick sweep of unrequested staged files
// leaves it for the agent to open.
import { afterEach, expect, it } from 'vitest';
import { UNCLAIMED_STAGED_MAX_AGE_MS, CLAIMED_STAGED_MAX_AGE_MS } from '../../src/composition/uploads';
import { samplePdf } from '../helpers/pdfCorpus';
import { startTestApp, TestApp } from '../helpers/testApp';
import { AgentClient } from '../helpers/agentClient';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

it('a PDF sent to the agent on web chat is admitted, claimed, and survives the sweep of unrequested files', async () => {
  t = await startTestApp();
  const ticket = (await (await fetch(`${t.baseUrl}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  const auth = { Authorization: `Bearer ${ticket.token}` };
  await fetch(`${t.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth });
  const say = (text: string) =>
    fetch(`${t.baseUrl}/v3/directline/conversations/${ticket.conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text }),
    });
  expect((await say('asesor')).status).toBe(200);
  const agent = new AgentClient(t.baseUrl);
  expect((await agent.login('asesor@demo.local', 'asesor-demo-2026')).status).toBe(200);
  const [item] = (await agent.get<{ id: string }[]>('/api/agent/handoffs?status=pending')).body;
  expect((await agent.post(`/api/agent/handoffs/${item!.id}/take`)).status).toBe(200);

  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(samplePdf())], { type: 'application/pdf' }), 'orden.pdf');
  const upload = await fetch(`${t.baseUrl}/v3/directline/conversations/${ticket.conversationId}/upload?userId=u`, { method: 'POST', headers: auth, body: form });
  expect(upload.status).toBe(200);

  const transcript = await agent.get<{ entries: Array<{ author: string; attachments?: Array<{ url?: string }> }> }>(`/api/agent/handoffs/${item!.id}/transcript`);
  const sent = transcript.body.entries.filter((e) => e.author === 'user' && e.attachments?.length).at(-1);
  expect(sent).toBeDefined();
  const stagedId = /files\/([0-9a-f-]{36})/.exec(sent!.attachments![0]!.url ?? '')?.[1];
  expect(stagedId).toBeDefined();
  expect(await t.app.stagedFiles.stat(stagedId!)).toMatchObject({ claimed: true });

  const later = new Date(Date.now() + UNCLAIMED_STAGED_MAX_AGE_MS + 60_000);
  await t.app.stagedFiles.sweep(later, UNCLAIMED_STAGED_MAX_AGE_MS, CLAIMED_STAGED_MAX_AGE_MS);
  expect(await t.app.stagedFiles.stat(stagedId!)).toBeDefined();
});
