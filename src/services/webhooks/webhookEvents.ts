// Events the EPS's systems are told about by webhook. Each event's id comes from what happened (type and
// the row it is about), so finding the same row twice yields the same event and the outbox keeps one.
import { createHash } from 'node:crypto';

export type WebhookEventType = 'authorization_request.filed' | 'authorization_request.supports_added' | 'pqrds.filed' | 'handoff.requested';

export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  /** ISO instant of what happened. */
  occurredAt: string;
  data: Record<string, unknown>;
}

export function webhookEventId(type: WebhookEventType, subjectId: string): string {
  return `evt_${createHash('sha256').update(`${type}:${subjectId}`).digest('hex').slice(0, 32)}`;
}

/** The JSON the receivers get (and the bytes that are signed). */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.data });
}
