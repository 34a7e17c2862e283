// Files the bot sends (certificate PDFs arrive as data: URLs) are served to Web Chat from short-lived,
// unguessable URLs on our host: Web Chat renders a PDF attachment as a download link, and a plain HTTPS
// link keeps multi-kilobyte base64 out of every WebSocket frame and polling answer. Each file belongs to
// its conversation: the random id finds it, and the channel hands it out only to a client of that
// conversation (its token, or the download cookie of the browser that got the token). It expires with
// the token; the memory all files take together is bounded.
import { randomBytes } from 'node:crypto';
import { Clock } from '../../domain/clock';

export interface DownloadFile {
  contentType: string;
  name: string;
  bytes: Buffer;
}

export interface ConversationFile extends DownloadFile {
  conversationId: string;
}

interface Entry extends ConversationFile {
  expiresAt: number;
}

export class DownloadLinks {
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: { ttlSeconds: number; maxTotalBytes: number } = { ttlSeconds: 60 * 60, maxTotalBytes: 64 * 1024 * 1024 },
  ) {}

  /** The same links, with every file put through it bound to one conversation. */
  forConversation(conversationId: string): { put(file: DownloadFile): string } {
    return { put: (file) => this.put({ ...file, conversationId }) };
  }

  /** Keeps the file and returns its id. */
  put(file: ConversationFile): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    this.entries.set(id, { ...file, expiresAt: this.clock.now().getTime() + this.options.ttlSeconds * 1000 });
    this.totalBytes += file.bytes.length;
    // Oldest first (Map keeps insertion order) until we are back under the memory budget.
    for (const [oldId, entry] of this.entries) {
      if (this.totalBytes <= this.options.maxTotalBytes || oldId === id) break;
      this.remove(oldId, entry);
    }
    return id;
  }

  get(id: string): ConversationFile | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.remove(id, entry);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.remove(id, entry);
  }

  private remove(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.totalBytes -= entry.bytes.length;
  }
}

/** Decodes a base64 data: URL; undefined for anything else. */
export function decodeDataUrl(url: string | undefined): { contentType: string; bytes: Buffer } | undefined {
  const match = /^data:([^;,]+)?((?:;[^;,]*)*?);base64,(.*)$/s.exec(url ?? '');
  if (!match) return undefined;
  return { contentType: match[1] ?? 'application/octet-stream', bytes: Buffer.from(match[3]!, 'base64') };
}
