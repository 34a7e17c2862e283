// Files the bot sends (certificate PDFs arrive as data: URLs) are served to Web Chat from short-lived,
// unguessable URLs on our host: Web Chat renders a PDF attachment as a download link, and a plain HTTPS
// link keeps multi-kilobyte base64 out of every WebSocket frame and polling answer. Each file belongs to
// its conversation: the random id finds it, and the channel hands it out only to a client of that
// conversation (its token, or the download cookie of the browser that got the token). It expires with
// the token. The files live in the database (DownloadFileStore), bounded in bytes, so any instance
// serves the download whichever instance ran the turn.
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

/** Where the files are kept (KnexDownloadFileStore): within maxTotalBytes, oldest out first. */
export interface DownloadFileStore {
  put(id: string, file: ConversationFile, times: { now: Date; expiresAt: Date }): Promise<void>;
  /** The file, unless it expired by `now` or was pushed out. */
  get(id: string, now: Date): Promise<ConversationFile | undefined>;
}

/** What rendering an activity uses: ids at once (the activity needs its URLs), the writes awaited after. */
export interface ConversationLinks {
  put(file: DownloadFile): string;
  /** Resolves once every file put so far is stored (before the activity that links them is). */
  stored(): Promise<void>;
}

export class DownloadLinks {
  constructor(
    private readonly store: DownloadFileStore,
    private readonly clock: Clock,
    private readonly ttlSeconds = 60 * 60,
  ) {}

  /** Links bound to one conversation. */
  forConversation(conversationId: string): ConversationLinks {
    const writes: Promise<void>[] = [];
    return {
      put: (file) => {
        const id = randomBytes(16).toString('hex');
        const now = this.clock.now();
        writes.push(this.store.put(id, { ...file, conversationId }, { now, expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000) }));
        return id;
      },
      stored: async () => {
        await Promise.all(writes);
      },
    };
  }

  get(id: string): Promise<ConversationFile | undefined> {
    return this.store.get(id, this.clock.now());
  }
}

/** Decodes a base64 data: URL; undefined for anything else. */
export function decodeDataUrl(url: string | undefined): { contentType: string; bytes: Buffer } | undefined {
  const match = /^data:([^;,]+)?((?:;[^;,]*)*?);base64,(.*)$/s.exec(url ?? '');
  if (!match) return undefined;
  return { contentType: match[1] ?? 'application/octet-stream', bytes: Buffer.from(match[3]!, 'base64') };
}
