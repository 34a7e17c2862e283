import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppCloudClient } from '../../../src/integrations/whatsappCloud/graphClient';
import { WhatsAppCloudError, WhatsAppWindowClosedError } from '../../../src/integrations/whatsappCloud/graphErrors';

const API = 'https://graph.facebook.com';
const PHONE_ID = '106540352242922';
const TOKEN = 'EAAtesttoken';
const LOOKASIDE = 'https://lookaside.fbsbx.com';

function client(options: Partial<ConstructorParameters<typeof WhatsAppCloudClient>[0]> = {}) {
  return new WhatsAppCloudClient({ apiUrl: `${API}/v21.0`, token: TOKEN, phoneNumberId: PHONE_ID, ...options });
}

const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const pdfSha = createHash('sha256').update(pdf).digest('hex');

describe('WhatsApp Cloud API client', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.isDone()).toBe(true);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('sends a text with the bearer token and returns the wamid', async () => {
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post(`/v21.0/${PHONE_ID}/messages`, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '573001112233',
        type: 'text',
        text: { body: 'Hola' },
      })
      .reply(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: '573001112233', wa_id: '573001112233' }],
        messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EyQUJDMjFEQzZCQUMzODMA' }],
      });
    await expect(client().sendMessage('573001112233', { type: 'text', text: { body: 'Hola' } })).resolves.toBe(
      'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EyQUJDMjFEQzZCQUMzODMA',
    );
  });

  it('maps Meta\'s re-engagement error (131047) to a closed 24-hour window', async () => {
    nock(API)
      .post(`/v21.0/${PHONE_ID}/messages`)
      .reply(400, {
        error: {
          message: '(#131047) Re-engagement message',
          type: 'OAuthException',
          code: 131047,
          error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
          fbtrace_id: 'AbCdEf',
        },
      });
    await expect(client().sendMessage('573001112233', { type: 'text', text: { body: 'Hola' } })).rejects.toBeInstanceOf(WhatsAppWindowClosedError);
  });

  it('reports other API errors by code, without Meta\'s text', async () => {
    nock(API).post(`/v21.0/${PHONE_ID}/messages`).reply(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
    const error = await client().sendMessage('573001112233', { type: 'text', text: { body: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppCloudError);
    expect(error).toMatchObject({ code: 'whatsapp_api_error', httpStatus: 401, graphCode: 190 });
    expect(String((error as Error).message)).not.toContain('OAuth');
  });

  it('refuses a response that does not have the documented shape', async () => {
    nock(API).post(`/v21.0/${PHONE_ID}/messages`).reply(200, { ok: true });
    await expect(client().sendMessage('57300', { type: 'text', text: { body: 'x' } })).rejects.toMatchObject({ code: 'whatsapp_api_invalid_response' });
  });

  it('gives up after the timeout', async () => {
    nock(API).post(`/v21.0/${PHONE_ID}/messages`).delay(2_000).reply(200, { messages: [{ id: 'wamid.late' }] });
    await expect(client({ timeoutMs: 30 }).sendMessage('57300', { type: 'text', text: { body: 'x' } })).rejects.toMatchObject({
      code: 'whatsapp_api_timeout',
    });
  });

  it('uploads a document as multipart form data and returns the media id', async () => {
    let received = '';
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post(`/v21.0/${PHONE_ID}/media`, (body: string) => {
        received = body;
        return true;
      })
      .reply(200, { id: '1037543291543636' });
    await expect(client().uploadMedia(pdf, 'application/pdf', 'certificado.pdf')).resolves.toBe('1037543291543636');
    expect(received).toContain('name="messaging_product"');
    expect(received).toContain('whatsapp');
    expect(received).toContain('filename="certificado.pdf"');
    expect(received).toContain('%PDF-1.7');
  });

  it('downloads a received file by media id, checking size and SHA-256', async () => {
    nock(API)
      .get('/v21.0/1266444757416214')
      .query({ phone_number_id: PHONE_ID })
      .reply(200, {
        messaging_product: 'whatsapp',
        url: `${LOOKASIDE}/whatsapp_business/attachments/?mid=1266444757416214&ext=1700000000&hash=ATuG`,
        mime_type: 'application/pdf',
        sha256: pdfSha,
        file_size: pdf.length,
        id: '1266444757416214',
      });
    nock(LOOKASIDE, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/whatsapp_business/attachments/')
      .query(true)
      .reply(200, pdf, { 'Content-Type': 'application/pdf' });

    const { info, stream } = await client().downloadMedia('1266444757416214', { maxBytes: 1024 });
    expect(info.mimeType).toBe('application/pdf');
    expect(await buffer(stream)).toEqual(pdf);
  });

  it('refuses before downloading when Meta announces a file over the limit', async () => {
    nock(API)
      .get('/v21.0/42')
      .query(true)
      .reply(200, { url: `${LOOKASIDE}/x`, mime_type: 'application/pdf', sha256: pdfSha, file_size: '16000000' });
    await expect(client().downloadMedia('42', { maxBytes: 15 * 1024 * 1024 })).rejects.toMatchObject({ code: 'media_too_large' });
  });

  it('fails the stream when the bytes exceed the limit although Meta announced less', async () => {
    nock(API).get('/v21.0/43').query(true).reply(200, { url: `${LOOKASIDE}/y`, mime_type: 'application/pdf', file_size: 10 });
    nock(LOOKASIDE).get('/y').reply(200, () => Buffer.alloc(5_000, 1));
    const { stream } = await client().downloadMedia('43', { maxBytes: 1_000 });
    await expect(buffer(stream)).rejects.toMatchObject({ code: 'media_too_large' });
  });

  it('fails the stream when the bytes do not match the announced SHA-256', async () => {
    nock(API).get('/v21.0/44').query(true).reply(200, { url: `${LOOKASIDE}/z`, mime_type: 'application/pdf', sha256: 'a'.repeat(64) });
    nock(LOOKASIDE).get('/z').reply(200, pdf);
    const { stream } = await client().downloadMedia('44', { maxBytes: 1_000 });
    await expect(buffer(stream)).rejects.toMatchObject({ code: 'media_checksum_mismatch' });
  });

  it('accepts a base64 digest as well as hex', async () => {
    const base64 = createHash('sha256').update(pdf).digest('base64');
    nock(API).get('/v21.0/45').query(true).reply(200, { url: `${LOOKASIDE}/w`, mime_type: 'application/pdf', sha256: base64 });
    nock(LOOKASIDE).get('/w').reply(200, pdf);
    const { stream } = await client().downloadMedia('45', { maxBytes: 1_000 });
    expect(await buffer(stream)).toEqual(pdf);
  });
});
