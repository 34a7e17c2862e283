// The queue of conversations waiting for a person, and every change to a handoff: request, take,
// transfer, resolve, the user leaving, and the expiry sweep. State lives only in the database, so a
// restart (or a second instance) continues where the last one stopped.
import { randomUUID } from 'node:crypto';
import type { AgentHours } from '../domain/agentHours';
import { Clock } from '../domain/clock';
import { ConflictError, NotFoundError } from '../domain/errors';
import {
  DEFAULT_HANDOFF_EXPIRY_MINUTES,
  Handoff,
  HandoffEvent,
  HandoffForbiddenError,
  HandoffReason,
  transition,
} from '../domain/handoff';
import { Agent, canAct } from '../domain/handoffAgent';
import { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import { Logger, pseudonym } from '../observability/logger';
import {
  AgentFile,
  AgentRepository,
  AuditRepository,
  HandoffChannelGateway,
  HandoffEventBus,
  HandoffNotice,
  HandoffRepository,
  HandoffTranscriptRepository,
} from './ports/handoff';

/** How long the expiry offer waits for the user's answer. */
export const EXPIRY_OFFER_TTL_MS = 30 * 60_000;

export interface HandoffServiceDeps {
  handoffs: HandoffRepository;
  transcripts: HandoffTranscriptRepository;
  agents: AgentRepository;
  audit: AuditRepository;
  gateway: HandoffChannelGateway;
  events: HandoffEventBus;
  hours: Pick<AgentHours, 'isOpen' | 'nextOpening'>;
  clock: Clock;
  logger: Logger;
  /** No agent within this many minutes → the user is told and offered the bot or a callback. */
  expiryMinutes?: number;
  newId?: () => string;
}

export interface HandoffRequest {
  conversationKey: string;
  channel: string;
  reference: Record<string, unknown>;
  reason: HandoffReason;
  affiliateId?: string;
  activeTask?: string;
  /** A life may be at risk: the handoff goes first in the queue (an open one is marked urgent). */
  urgent?: boolean;
}

export interface QueuedHandoff {
  handoff: Handoff;
  /** 1 = next to be attended. */
  position: number;
  /** The conversation already had one: nothing new was queued. */
  alreadyOpen: boolean;
  /** When agents are out of hours: the next opening (the handoff is a callback then). */
  nextOpening?: Date;
}

export class HandoffService {
  readonly expiryMinutes: number;
  private readonly newId: () => string;

  /** Handoffs the user left in the turn being recorded (see cancelByUser); in memory, lost harmlessly. */
  private readonly leftThisTurn = new Map<string, Handoff>();

  constructor(private readonly deps: HandoffServiceDeps) {
    this.expiryMinutes = deps.expiryMinutes ?? DEFAULT_HANDOFF_EXPIRY_MINUTES;
    this.newId = deps.newId ?? randomUUID;
  }

  /** Puts the conversation in the queue: live in business hours, as a callback outside them. */
  async request(request: HandoffRequest): Promise<QueuedHandoff> {
    const now = this.deps.clock.now();
    const existing = await this.deps.handoffs.findOpen(request.conversationKey);
    if (existing) {
      const current = request.urgent && !existing.urgent ? await this.markUrgent(existing) : existing;
      return { handoff: current, position: await this.positionOf(current), alreadyOpen: true };
    }
    const open = this.deps.hours.isOpen(now);
    return this.enqueue(request, open ? 'live' : 'callback', now, open ? undefined : this.deps.hours.nextOpening(now));
  }

  /** An open handoff whose user then wrote of a vital risk: moved to the head of the queue. */
  private async markUrgent(handoff: Handoff): Promise<Handoff> {
    const next: Handoff = { ...handoff, urgent: true, updatedAt: this.deps.clock.now() };
    if (!(await this.deps.handoffs.replaceIf(next, { status: handoff.status, agentId: handoff.agentId ?? null }))) {
      // Taken, resolved or left meanwhile: whatever is open now gets the flag on the next message.
      return (await this.deps.handoffs.findOpen(handoff.conversationKey)) ?? handoff;
    }
    this.deps.logger.info('handoff_marked_urgent', { handoff: next.id, channel: next.channel });
    this.deps.events.publish({ type: 'handoff', handoff: next });
    return next;
  }

  /** After an expiry the user chose to be contacted: a callback that waits without expiring. */
  async requestCallback(expired: Handoff): Promise<QueuedHandoff> {
    const now = this.deps.clock.now();
    await this.deps.handoffs.clearAwaitingChoice(expired.id, now);
    const existing = await this.deps.handoffs.findOpen(expired.conversationKey);
    if (existing) return { handoff: existing, position: await this.positionOf(existing), alreadyOpen: true };
    const open = this.deps.hours.isOpen(now);
    return this.enqueue(expired, 'callback', now, open ? undefined : this.deps.hours.nextOpening(now));
  }

  /** After an expiry the user chose to go on with the bot. */
  async declineCallback(expired: Handoff): Promise<void> {
    await this.deps.handoffs.clearAwaitingChoice(expired.id, this.deps.clock.now());
  }

  async findOpen(conversationKey: string): Promise<Handoff | undefined> {
    return this.deps.handoffs.findOpen(conversationKey);
  }

  /**
   * The expired handoff whose offer (bot or callback) the user's next message answers. The offer lapses
   * after a while: a "2" typed the next day means the menu's option 2, not "have an agent write".
   */
  async findAwaitingChoice(conversationKey: string): Promise<Handoff | undefined> {
    return this.offerStillOpen(await this.deps.handoffs.findAwaitingChoice(conversationKey));
  }

  /** What a user's turn needs, in one read: the open handoff, or else an expiry offer still waiting for an answer. */
  async currentOf(conversationKey: string): Promise<{ open?: Handoff; awaitingChoice?: Handoff }> {
    const { open, awaitingChoice } = await this.deps.handoffs.findCurrent(conversationKey);
    if (open) return { open };
    return { awaitingChoice: await this.offerStillOpen(awaitingChoice) };
  }

  private async offerStillOpen(expired: Handoff | undefined): Promise<Handoff | undefined> {
    if (!expired) return undefined;
    const now = this.deps.clock.now();
    if (now.getTime() - (expired.closedAt ?? expired.updatedAt).getTime() <= EXPIRY_OFFER_TTL_MS) return expired;
    await this.deps.handoffs.clearAwaitingChoice(expired.id, now);
    return undefined;
  }

  async positionOf(handoff: Handoff): Promise<number> {
    if (handoff.status !== 'pending') return 0;
    return (await this.deps.handoffs.countPendingBefore(handoff.requestedAt, handoff.id, handoff.urgent ?? false)) + 1;
  }

  /** The user wrote "cancelar"/"salir" while waiting or talking to an agent. */
  async cancelByUser(conversationKey: string): Promise<Handoff | undefined> {
    const open = await this.deps.handoffs.findOpen(conversationKey);
    if (!open) return undefined;
    const next = await this.apply(open, { type: 'user_cancel' });
    // The "cancelar" itself is recorded after this turn, when nothing is open any more: it still
    // belongs to this handoff, and the agent watching it must see the person leave.
    this.leftThisTurn.set(conversationKey, next);
    return next;
  }

  async take(agent: Agent, handoffId: string): Promise<Handoff> {
    const current = await this.get(handoffId);
    if (current.status === 'assigned' && current.agentId === agent.id) return current;
    if (current.status === 'assigned') throw new ConflictError('handoff_taken', 'another agent holds this conversation');
    const next = await this.apply(current, { type: 'take', agentId: agent.id });
    await this.deps.audit.record({ agentId: agent.id, action: 'take', handoffId, at: next.updatedAt });
    await this.tell(next, { kind: 'agent_joined', agentId: agent.id, agentName: firstName(agent.name), agentGender: agent.gender });
    return next;
  }

  /** Supervisors only: gives a waiting or held conversation to another agent. */
  async transfer(supervisor: Agent, handoffId: string, targetAgentId: string): Promise<Handoff> {
    if (supervisor.role !== 'supervisor') throw new HandoffForbiddenError('only supervisors transfer conversations');
    const target = await this.deps.agents.findById(targetAgentId);
    if (!target || !target.active) throw new NotFoundError('agent');
    const current = await this.get(handoffId);
    const next = await this.apply(current, { type: 'transfer', agentId: target.id });
    await this.deps.audit.record({ agentId: supervisor.id, action: 'transfer', handoffId, detail: target.id, at: next.updatedAt });
    await this.tell(next, { kind: 'transferred', agentName: firstName(target.name), agentGender: target.gender });
    return next;
  }

  /** Ends the conversation with the agent; the bot resumes the interrupted task (or shows the menu). */
  async resolve(agent: Agent, handoffId: string): Promise<Handoff> {
    const current = await this.get(handoffId);
    if (!canAct(agent, current)) throw forbiddenOrConflict(current);
    const next = await this.apply(current, { type: 'resolve' });
    await this.deps.audit.record({ agentId: agent.id, action: 'resolve', handoffId, at: next.updatedAt });
    try {
      await this.deps.gateway.handBack(next, { kind: 'resolved' });
    } catch (error) {
      // The handoff is closed either way: the bot answers the user's next message.
      this.deps.logger.warn('handoff_handback_failed', { handoff: next.id, channel: next.channel, error: error as Error });
    }
    return next;
  }

  /** Sends the agent's text and/or PDF to the user on their channel. */
  async reply(agent: Agent, handoffId: string, message: { text?: string; file?: AgentFile }): Promise<void> {
    const current = await this.get(handoffId);
    if (!canAct(agent, current)) throw forbiddenOrConflict(current);
    await this.deps.gateway.reply(current, agent, message);
    await this.deps.audit.record({ agentId: agent.id, action: 'reply', handoffId, at: this.deps.clock.now() });
  }

  /** Expires live handoffs nobody took in time; safe to run from several instances at once. */
  async sweepExpired(): Promise<number> {
    const now = this.deps.clock.now();
    let expired = 0;
    for (const candidate of await this.deps.handoffs.listExpired(now)) {
      const next = transition(candidate, { type: 'expire' }, now);
      if (!(await this.deps.handoffs.replaceIf(next, { status: 'pending' }))) continue;
      expired += 1;
      this.deps.events.publish({ type: 'handoff', handoff: next });
      await this.tell(next, { kind: 'expired', minutes: this.expiryMinutes });
    }
    if (expired > 0) this.deps.logger.info('handoff_expired', { count: expired });
    return expired;
  }

  /** Stores a turn's messages and streams them to the console when an agent has (or may take) the conversation. */
  async recordTranscript(entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]> {
    if (entries.length === 0) return [];
    const stored = await this.deps.transcripts.append(entries);
    await this.publishTranscript(stored);
    return stored;
  }

  /**
   * Streams stored lines to the console when the conversation has an open handoff. A turn that already
   * read its handoff passes it (`known`), so the lines cost no second lookup.
   */
  async publishTranscript(stored: TranscriptEntry[], known?: { open?: Handoff }): Promise<void> {
    if (stored.length === 0) return;
    const key = stored[0].conversationKey;
    const left = this.leftThisTurn.get(key);
    this.leftThisTurn.delete(key);
    const open = left ?? (known ? known.open : await this.deps.handoffs.findOpen(key));
    if (!open) return;
    for (const entry of stored) this.deps.events.publish({ type: 'message', handoffId: open.id, agentId: open.agentId, entry });
  }

  async list(statuses: Handoff['status'][]): Promise<Handoff[]> {
    return this.deps.handoffs.list(statuses);
  }

  async get(handoffId: string): Promise<Handoff> {
    const handoff = await this.deps.handoffs.findById(handoffId);
    if (!handoff) throw new NotFoundError('handoff');
    return handoff;
  }

  private async enqueue(
    from: HandoffRequest,
    mode: Handoff['mode'],
    now: Date,
    nextOpening: Date | undefined,
  ): Promise<QueuedHandoff> {
    let handoff: Handoff;
    try {
      handoff = await this.deps.handoffs.create(
        {
          id: this.newId(),
          conversationKey: from.conversationKey,
          channel: from.channel,
          reference: from.reference,
          reason: from.reason,
          mode,
          status: 'pending',
          requestedAt: now,
          expiresAt: mode === 'live' ? new Date(now.getTime() + this.expiryMinutes * 60_000) : undefined,
          affiliateId: from.affiliateId,
          activeTask: from.activeTask,
          awaitingChoice: false,
          urgent: from.urgent ?? false,
        },
        now,
      );
    } catch (error) {
      // Two requests of the same conversation at once: the other one won, report it.
      const open = error instanceof ConflictError ? await this.deps.handoffs.findOpen(from.conversationKey) : undefined;
      if (!open) throw error;
      return { handoff: open, position: await this.positionOf(open), alreadyOpen: true };
    }
    this.deps.logger.info('handoff_requested', {
      handoff: handoff.id,
      channel: handoff.channel,
      reason: handoff.reason,
      mode,
      urgent: handoff.urgent,
      conversation: pseudonym(handoff.conversationKey),
    });
    this.deps.events.publish({ type: 'handoff', handoff });
    return { handoff, position: await this.positionOf(handoff), alreadyOpen: false, nextOpening };
  }

  /** Checks the move against the status machine and writes it only if nobody changed the row meanwhile. */
  private async apply(current: Handoff, event: HandoffEvent): Promise<Handoff> {
    const next = transition(current, event, this.deps.clock.now());
    const won = await this.deps.handoffs.replaceIf(next, { status: current.status, agentId: current.agentId ?? null });
    if (!won) throw new ConflictError('handoff_changed', 'the conversation changed meanwhile; reload it');
    this.deps.events.publish({ type: 'handoff', handoff: next });
    return next;
  }

  private async tell(handoff: Handoff, notice: HandoffNotice): Promise<void> {
    try {
      await this.deps.gateway.notify(handoff, notice);
    } catch (error) {
      this.deps.logger.warn('handoff_notice_failed', { handoff: handoff.id, channel: handoff.channel, kind: notice.kind, error: error as Error });
    }
  }
}

function forbiddenOrConflict(handoff: Handoff): Error {
  if (handoff.status === 'assigned') return new HandoffForbiddenError('another agent holds this conversation');
  if (handoff.status === 'pending') return new ConflictError('handoff_not_taken', 'take the conversation first');
  return new ConflictError('handoff_closed', 'the conversation already ended');
}

/** Users see only the agent's first name. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
