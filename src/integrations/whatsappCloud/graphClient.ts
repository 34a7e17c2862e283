// HTTP client for the WhatsApp Business Cloud API (Graph API): send messages, upload a document, and
// fetch a received file by media id. Every call has a timeout and every response is parsed with zod.
// Downloads are streamed with the size limit and the SHA-256 Meta announced checked on the way.
import { pipeline, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { MeteredStream } from '../../services/io/boundedStream';
import { CloudMessage } from './cloudMessages';
import { GRAPH_REENGAGEMENT_REQUIRED, MediaRefusedError, WhatsAppCloudError, WhatsAppWindowClosedError } from './graphErrors';

export interface WhatsAppCloudClientOptions {
  /** config.whatsappCloud.apiUrl, e.g. https://graph.facebook.com/v21.0 */
  apiUrl: string;
  token: string;
  phoneNumberId: string;
  timeoutMs?: number;
  /** Downloads may take longer than API calls. */
  downloadTimeoutMs?: number;
}

export interface MediaInfo {
  id: string;
  url: string;
  mimeType: string;
  sha256?: string;
  fileSize?: number;
}

const sendResponse = z.object({
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

const uploadResponse = z.object({ id: z.string().min(1) });

const mediaResponse = z.object({
  id: z.string().optional(),
  url: z.url(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  // Documented as a number; older versions sent a string.
  file_size: z.coerce.number().int().nonnegative().optional(),
});

const graphErrorBody = z.object({
  error: z.object({ code: z.number().optional(), error_subcode: z.number().optional() }).loose(),
});

export class WhatsAppCloudClient {
  private readonly timeoutMs: number;
  private readonly downloadTimeoutMs: number;

  constructor(private readonly options: WhatsAppCloudClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.downloadTimeoutMs = options.downloadTimeoutMs ?? 60_000;
  }

  /** Sends one message; returns Meta's message id (wamid…). */
  async sendMessage(to: string, message: CloudMessage): Promise<string> {
    const body = { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message };
    const response = await this.call(`${this.options.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return parse(sendResponse, await response.json()).messages[0].id;
  }

  /** Uploads a file to send later by id (media lives 30 days at Meta). */
  async uploadMedia(data: Buffer, mimeType: string, filename: string): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', mimeType);
    form.append('file', new Blob([new Uint8Array(data)], { type: mimeType }), filename);
    const response = await this.call(`${this.options.phoneNumberId}/media`, { method: 'POST', body: form });
    return parse(uploadResponse, await response.json()).id;
  }

  /** The short-lived (5 minutes) download URL and what Meta knows about a received file. */
  async getMedia(mediaId: string): Promise<MediaInfo> {
    const query = new URLSearchParams({ phone_number_id: this.options.phoneNumberId });
    const response = await this.call(`${encodeURIComponent(mediaId)}?${query}`, { method: 'GET' });
    const media = parse(mediaResponse, await response.json());
    return { id: media.id ?? mediaId, url: media.url, mimeType: media.mime_type, sha256: media.sha256, fileSize: media.file_size };
  }

  /**
   * Streams a received file. Refuses before downloading when Meta says it is too large; the stream
   * errors with MediaRefusedError past maxBytes or when the bytes do not match the announced SHA-256.
   */
  async downloadMedia(mediaId: string, options: { maxBytes: number; expectedSha256?: string }): Promise<{ info: MediaInfo; stream: Readable }> {
    const info = await this.getMedia(mediaId);
    if (info.fileSize !== undefined && info.fileSize > options.maxBytes) throw new MediaRefusedError('media_too_large');
    const url = new URL(info.url);
    // The bearer token only ever goes over TLS (plain http only when the API itself is configured so, in tests).
    if (url.protocol !== 'https:' && !this.options.apiUrl.startsWith('http:')) throw new MediaRefusedError('media_unavailable');
    const response = await this.fetchWithTimeout(
      url.toString(),
      { method: 'GET', headers: this.authHeader(), redirect: 'follow' },
      this.downloadTimeoutMs,
    );
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new MediaRefusedError('media_unavailable');
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body.cancel();
      throw new MediaRefusedError('media_too_large');
    }
    const expected = options.expectedSha256 ?? info.sha256;
    const source = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
    // pipeline (not pipe) so that a network failure mid-download also fails the returned stream.
    const stream = pipeline(source, verifyingStream(options.maxBytes, expected), () => undefined);
    return { info, stream };
  }

  private authHeader(): Record<string, string> {
    return { Authorization: `Bearer ${this.options.token}` };
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    const url = `${this.options.apiUrl.replace(/\/+$/, '')}/${path}`;
    const response = await this.fetchWithTimeout(url, { ...init, headers: { ...this.authHeader(), ...(init.headers as Record<string, string>) } }, this.timeoutMs);
    if (response.ok) return response;
    const graphCode = await graphCodeOf(response);
    if (graphCode === GRAPH_REENGAGEMENT_REQUIRED) throw new WhatsAppWindowClosedError();
    throw new WhatsAppCloudError('whatsapp_api_error', response.status, graphCode);
  }

  private async fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    try {
      return await fetch(url, { redirect: 'error', ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new WhatsAppCloudError('whatsapp_api_timeout');
      }
      throw new WhatsAppCloudError('whatsapp_api_error');
    }
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new WhatsAppCloudError('whatsapp_api_invalid_response');
  return parsed.data;
}

async function graphCodeOf(response: Response): Promise<number | undefined> {
  try {
    const parsed = graphErrorBody.safeParse(await response.json());
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** Counts and hashes bytes as they pass; fails past maxBytes, and at the end when the hash differs. */
function verifyingStream(maxBytes: number, expectedSha256: string | undefined): Transform {
  return new (class extends MeteredStream {
    override _flush(callback: (error?: Error | null) => void): void {
      if (expectedSha256 && !sameDigest(this.digest(), expectedSha256)) return callback(new MediaRefusedError('media_checksum_mismatch'));
      callback();
    }
  })(maxBytes, () => new MediaRefusedError('media_too_large'));
}

/** Meta documents the digest as hex; some payloads carry base64. Accept either. */
function sameDigest(actual: Buffer, announced: string): boolean {
  const trimmed = announced.trim();
  return actual.toString('hex') === trimmed.toLowerCase() || actual.toString('base64') === trimmed;
}
