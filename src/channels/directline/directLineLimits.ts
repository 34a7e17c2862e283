// What one web chat client may ask of the server: how often, how much, how many at once. A client past
// its share gets 413 or 429 with a reason in Spanish; everyone else keeps being served.
import { RateLimit } from '../../domain/rateLimit';
import { HttpError } from '../../server/httpErrors';

export interface DirectLineLimits {
  /** An event's value, as JSON; events cost the bot nothing, so they may not cost memory either. */
  maxEventValueBytes: number;
  /** Activities a conversation may post (messages, events, typing). */
  activities: RateLimit;
  /** Bytes of activity bodies a conversation may post. */
  activityBytes: RateLimit;
  /** Turns of one conversation waiting or running at once (the rest would only queue up in memory). */
  maxTurnsInFlight: number;
  /** Tokens one client address may get from POST /api/webchat/token. */
  tokensPerAddress: RateLimit;
  /** New conversations one client address may start. */
  startsPerAddress: RateLimit;
  /** Uploads streaming at once: in all, per conversation, per client address. */
  maxUploads: number;
  maxUploadsPerConversation: number;
  maxUploadsPerAddress: number;
  /** Open WebSocket streams: in all, and per conversation (a tab or two, plus a reconnect in progress). */
  maxStreams: number;
  maxStreamsPerConversation: number;
  /** Open streams from one client address (an office behind one address has many people). */
  maxStreamsPerAddress: number;
}

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = {
  maxEventValueBytes: 4 * 1024,
  // A person types a few messages a minute; Web Chat adds a typing event per burst of keys.
  activities: { burst: 30, perMinute: 60 },
  activityBytes: { burst: 96 * 1024, perMinute: 256 * 1024 },
  maxTurnsInFlight: 4,
  // Several people behind one office NAT reload their chats now and then; a script wants thousands.
  tokensPerAddress: { burst: 30, perMinute: 20 },
  startsPerAddress: { burst: 20, perMinute: 10 },
  maxUploads: 16,
  maxUploadsPerConversation: 1,
  maxUploadsPerAddress: 3,
  maxStreams: 2000,
  maxStreamsPerConversation: 4,
  maxStreamsPerAddress: 200,
};

export function tooManyRequests(code: string, message: string, retryAfterMs?: number, headers: Record<string, string> = {}): HttpError {
  const retryAfter: Record<string, string> = retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return new HttpError(429, code, message, { ...headers, ...retryAfter });
}

/** Counts things in progress (uploads, streams) per key and in all; refuses past the limits. */
export class ConcurrencySlots {
  private total = 0;
  private readonly perKey = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerKey: (key: string) => number,
  ) {}

  /** Takes a slot of every key, or none; returns the release function, or undefined when full. */
  tryAcquire(keys: string[]): (() => void) | undefined {
    if (this.total >= this.maxTotal) return undefined;
    if (keys.some((key) => (this.perKey.get(key) ?? 0) >= this.maxPerKey(key))) return undefined;
    this.total += 1;
    for (const key of keys) this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      for (const key of keys) {
        const left = (this.perKey.get(key) ?? 1) - 1;
        if (left > 0) this.perKey.set(key, left);
        else this.perKey.delete(key);
      }
    };
  }

  get inUse(): number {
    return this.total;
  }
}
