// A logged-in conversation. Limits from NIST SP 800-63B / OWASP ASVS: 15 minutes idle, 12 hours in all.
export const SESSION_IDLE_MS = 15 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export interface AuthSession {
  accountId: string;
  affiliateId: string;
  /** ISO timestamps: the session lives in bot state, which is JSON. */
  startedAt: string;
  lastActivityAt: string;
  /** The charter of rights and duties must be accepted before the menu. */
  charterAccepted: boolean;
}

export type SessionStatus = 'active' | 'idle_expired' | 'absolute_expired';

export function sessionStatus(session: AuthSession, now: Date): SessionStatus {
  const t = now.getTime();
  if (t - Date.parse(session.startedAt) >= SESSION_ABSOLUTE_MS) return 'absolute_expired';
  if (t - Date.parse(session.lastActivityAt) >= SESSION_IDLE_MS) return 'idle_expired';
  return 'active';
}

export function touchSession(session: AuthSession, now: Date): AuthSession {
  return { ...session, lastActivityAt: now.toISOString() };
}
