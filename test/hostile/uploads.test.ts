// Hostile client: files nobody asked for. On the real app, an upload at the main menu is refused before
// a byte reaches UPLOAD_DIR; uploads streaming at once are capped per conversation; and what one
// conversation may park in the staging area is bounded.
import { request } from 'node:http';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer } from '../channels/directline/testServer';
import { samplePdf } from '../helpers/pdfCorpus';
import { TestApp, startTestApp } from '../helpers/testApp';
import { requestToken, startConversation } from './hostileClient';

function uploadForm(bytes: Buffer, name = 'orden.pdf'): FormData {
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  return form;
}

async function upload(baseUrl: string, conversationId: string, token: string, bytes: Buffer): Promise<{ status: number; code?: string; message?: string }> {
  const response = await fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/upload?userId=u`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: uploadForm(bytes),
  });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: body.error?.code, message: body.error?.message };
}

async function filesUnder(dir: string): Promise<string[]> {
  return readdir(dir, { recursive: true }).catch(() => []);
}

describe('on the real app, an upload nobody asked for', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('at the main menu is refused with a reason, and UPLOAD_DIR stays untouched', async () => {
    const ticket = await requestToken(t.baseUrl);
    expect((await startConversation(t.baseUrl, ticket.token!)).status).toBe(201);
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    samplePdf().copy(big);
    for (let i = 0; i < 3; i++) {
      const answer = await upload(t.baseUrl, ticket.conversationId!, ticket.token!, big);
      expect(answer).toMatchObject({ status: 409, code: 'upload_not_expected' });
      expect(answer.message).toMatch(/no estoy esperando archivos/);
    }
    expect(await filesUnder(t.app.config.uploadDir)).toEqual([]);
    expect(t.app.stagedFiles.usage).toEqual({ bytes: 0, files: 0 });
  });
});

describe('uploads streaming at once', () => {
  it('are one per conversation: a second one gets 429 while the first is still arriving', async () => {
    const s = await startTestServer();
    try {
      const ticket = await requestToken(s.url);
      expect((await startConversation(s.url, ticket.token!)).status).toBe(201);
      const boundary = 'lento';
      const slow = request(`${s.url}/v3/directline/conversations/${ticket.conversationId}/upload?userId=u`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ticket.token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(2 * 1024 * 1024) },
      });
      slow.on('error', () => undefined);
      slow.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
      const before = await readdir(s.stagedDir);
      await vi.waitFor(async () => expect((await readdir(s.stagedDir)).length).toBeGreaterThan(before.length), { timeout: 5000 });
      const second = await upload(s.url, ticket.conversationId!, ticket.token!, samplePdf());
      expect(second).toMatchObject({ status: 429, code: 'too_many_uploads' });
      slow.destroy();
      // Once the first is gone, the conversation may upload again.
      await vi.waitFor(async () => expect((await upload(s.url, ticket.conversationId!, ticket.token!, samplePdf())).status).toBe(200), { timeout: 5000 });
    } finally {
      await s.close();
    }
  });
});
