// A logged-in conversation starts here; MainDialog keeps it alive (15 min idle, 12 h in all) and `salir` ends it.
import type { AuthSession } from '../../domain/session';

export function startSession(accountId: string, affiliateId: string, now: Date, charterAccepted: boolean): AuthSession {
  const at = now.toISOString();
  return { accountId, affiliateId, startedAt: at, lastActivityAt: at, charterAccepted };
}
