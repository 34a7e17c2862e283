// At most 3 SMS an hour and 5 a day per document: enough for a person who lost a message, too few to flood
// someone's phone through our gateway (README, Security). Counted per typed document, existing or
// not, so the "too many" reply cannot tell anyone which documents are real. The request is recorded
// before counting: two simultaneous requests both see each other and neither slips past the limit.
import type { RateLimitEventRepository } from '../ports/identity';

export const SMS_LIMITS = { perHour: 3, perDay: 5 } as const;

const HOUR_MS = 60 * 60_000;

export async function takeSmsAllowance(events: RateLimitEventRepository, subjectKey: string, now: Date): Promise<boolean> {
  await events.record('sms_request', subjectKey, now);
  const lastHour = await events.count('sms_request', subjectKey, new Date(now.getTime() - HOUR_MS));
  if (lastHour > SMS_LIMITS.perHour) return false;
  const lastDay = await events.count('sms_request', subjectKey, new Date(now.getTime() - 24 * HOUR_MS));
  return lastDay <= SMS_LIMITS.perDay;
}
