// A conversation handed to a human agent (Botpress hitlnext / Chatwoot style). The status machine is data:
// every change goes through `transition`, which refuses moves the table does not list, so a resolved or
// expired handoff can never be taken again and two agents cannot both end up holding one.
import { DomainError } from './errors';

export type HandoffStatus = 'pending' | 'assigned' | 'resolved' | 'expired' | 'cancelled';

/** vital_risk: the person wrote words of a life at risk; the handoff is urgent. */
export type HandoffReason = 'user_request' | 'repeated_failures' | 'vital_risk';

/**
 * live: the user waits and the bot is silent. callback: requested outside business hours or after an
 * expiry; the user keeps using the bot until an agent takes it and writes first.
 */
export type HandoffMode = 'live' | 'callback';

export type HandoffExitReason =
  | 'resolved_by_agent'
  | 'user_left'
  | 'no_agent';

export type HandoffEvent =
  | { type: 'take'; agentId: string }
  | { type: 'transfer'; agentId: string }
  | { type: 'resolve' }
  | { type: 'user_cancel' }
  | { type: 'expire' };

/** Which events each status accepts, and the status they lead to. */
export const HANDOFF_TRANSITIONS: Readonly<Record<HandoffStatus, Partial<Record<HandoffEvent['type'], HandoffStatus>>>> = {
  pending: { take: 'assigned', transfer: 'assigned', user_cancel: 'cancelled', expire: 'expired' },
  assigned: { transfer: 'assigned', resolve: 'resolved', user_cancel: 'cancelled' },
  resolved: {},
  expired: {},
  cancelled: {},
};

/** Statuses in which the handoff still holds the conversation (at most one per conversation). */
export const OPEN_STATUSES: readonly HandoffStatus[] = ['pending', 'assigned'];

export interface Handoff {
  id: string;
  /** `${channelId}:${conversationId}`, the same key as ConversationReferenceRecord. */
  conversationKey: string;
  channel: string;
  /** botbuilder's ConversationReference, kept opaque so proactive sends work after a restart. */
  reference: Record<string, unknown>;
  reason: HandoffReason;
  mode: HandoffMode;
  status: HandoffStatus;
  requestedAt: Date;
  assignedAt?: Date;
  closedAt?: Date;
  /** Only live handoffs expire; the sweep looks for pending ones past this instant. */
  expiresAt?: Date;
  agentId?: string;
  exitReason?: HandoffExitReason;
  /** The logged-in affiliate when the user asked, if any. */
  affiliateId?: string;
  /** The dialog the user was in (the task the bot resumes afterwards). */
  activeTask?: string;
  /** Expired and the user has not yet chosen between the bot and a callback. */
  awaitingChoice: boolean;
  /** A life may be at risk: first in the queue, marked in the console. Never cleared while open. */
  urgent?: boolean;
  updatedAt: Date;
}

export class HandoffTransitionError extends DomainError {
  constructor(from: HandoffStatus, event: HandoffEvent['type']) {
    super('handoff_invalid_transition', `cannot ${event} a ${from} handoff`);
  }
}

/** The agent's role or assignment does not allow the action (HTTP 403). */
export class HandoffForbiddenError extends DomainError {
  constructor(message = 'not allowed for this agent') {
    super('forbidden', message);
  }
}

/** The user's channel is not running in this process (HTTP 503): the agent can retry later. */
export class ChannelUnavailableError extends DomainError {
  constructor(channel: string) {
    super('channel_unavailable', `channel not running: ${channel}`);
  }
}

/** The next state of a handoff after an event, or HandoffTransitionError when the table forbids it. */
export function transition(handoff: Handoff, event: HandoffEvent, now: Date): Handoff {
  const to = HANDOFF_TRANSITIONS[handoff.status][event.type];
  if (!to) throw new HandoffTransitionError(handoff.status, event.type);
  const next: Handoff = { ...handoff, status: to, updatedAt: now };
  switch (event.type) {
    case 'take':
    case 'transfer':
      next.agentId = event.agentId;
      next.assignedAt = now;
      break;
    case 'resolve':
      next.closedAt = now;
      next.exitReason = 'resolved_by_agent';
      break;
    case 'user_cancel':
      next.closedAt = now;
      next.exitReason = 'user_left';
      break;
    case 'expire':
      next.closedAt = now;
      next.exitReason = 'no_agent';
      next.awaitingChoice = true;
      break;
  }
  return next;
}

export function isOpen(handoff: Pick<Handoff, 'status'>): boolean {
  return OPEN_STATUSES.includes(handoff.status);
}

/** While this is true the middleware relays the user's messages to the agent and the dialogs stay silent. */
export function holdsConversation(handoff: Pick<Handoff, 'status' | 'mode'>): boolean {
  return handoff.status === 'assigned' || (handoff.status === 'pending' && handoff.mode === 'live');
}

export const DEFAULT_HANDOFF_EXPIRY_MINUTES = 10;

export function conversationKeyOf(channelId: string, conversationId: string): string {
  return `${channelId}:${conversationId}`;
}

/** Whole minutes a handoff has waited (for the queue's "esperando hace N min"). */
export function waitingMinutes(handoff: Pick<Handoff, 'requestedAt'>, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - handoff.requestedAt.getTime()) / 60_000));
}
