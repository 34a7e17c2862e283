// Web chat tokens: HS256 JWTs signed with a key derived from SESSION_SECRET, bound to one conversation and
// one user. The JWT shape matters: Web Chat reads the `user` claim to know which messages are the user's
// own, and ids starting with "dl_" are reserved for exactly that use.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../domain/clock';

export const TOKEN_TTL_SECONDS = 30 * 60;

export interface DirectLineClaims {
  /** Conversation the token is bound to. */
  conv: string;
  /** User id, "dl_…". */
  user: string;
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: DirectLineClaims; expiresIn: number }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export function newConversationId(): string {
  // Letters and digits only: the id travels in URL paths and WebSocket URLs.
  return randomBytes(18).toString('base64url').replace(/[-_]/g, 'x');
}

export function newUserId(): string {
  return `dl_${randomBytes(12).toString('hex')}`;
}

export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly clock: Clock,
    private readonly ttlSeconds = TOKEN_TTL_SECONDS,
  ) {
    // A key of its own, so a web chat token can never pass for another use of SESSION_SECRET.
    this.key = createHmac('sha256', secret).update('oficina-virtual/directline-token/v1').digest();
  }

  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: DirectLineClaims = { conv: conversationId, user: userId, iat, exp: iat + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    let claims: DirectLineClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as DirectLineClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.conv !== 'string' || typeof claims.user !== 'string' || typeof claims.exp !== 'number') {
      return { ok: false, reason: 'malformed' };
    }
    const now = this.clock.now().getTime() / 1000;
    if (claims.exp <= now) return { ok: false, reason: 'expired' };
    return { ok: true, claims, expiresIn: Math.floor(claims.exp - now) };
  }

  /**
   * The cookie that lets the browser which got a conversation's token download the files the bot sent
   * there (a link alone is not enough: it may be forwarded or logged). One per conversation, so two tabs
   * with two conversations each keep theirs.
   */
  downloadCookie(conversationId: string): { name: string; value: string } {
    const name = `ovdl_${createHash('sha256').update(conversationId).digest('hex').slice(0, 12)}`;
    return { name, value: this.sign(`download-cookie:${conversationId}`) };
  }

  /** Constant-time comparison of a presented proof with the expected one. */
  sameProof(given: string | undefined, expected: string): boolean {
    if (given === undefined) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
