// What the handoff services need from storage, from the channels and from the console's live stream.
// Storage implements the repositories (src/storage/repositories/knexHandoff*.ts); src/bot/handoff/
// implements the channel gateway with botbuilder, so the services never import botbuilder.
import type { Handoff, HandoffStatus } from '../../domain/handoff';
import type { Agent, AgentGender, AgentRole, AgentSession, AgentWithHash, AuditEntry } from '../../domain/handoffAgent';
import type { NewTranscriptEntry, TranscriptEntry } from '../../domain/handoffTranscript';

export type NewHandoff = Omit<Handoff, 'updatedAt'>;

export interface HandoffRepository {
  /** Throws ConflictError('handoff_open') when the conversation already has a pending or assigned one. */
  create(handoff: NewHandoff, now: Date): Promise<Handoff>;
  findById(id: string): Promise<Handoff | undefined>;
  /** The pending or assigned handoff of a conversation. */
  findOpen(conversationKey: string): Promise<Handoff | undefined>;
  /** The expired handoff of a conversation still waiting for the user's choice (bot or callback). */
  findAwaitingChoice(conversationKey: string): Promise<Handoff | undefined>;
  /** Both of the above in one read: what a user's turn needs to know. */
  findCurrent(conversationKey: string): Promise<{ open?: Handoff; awaitingChoice?: Handoff }>;
  /** Urgent ones first, then oldest request first. */
  list(statuses: readonly HandoffStatus[], limit?: number): Promise<Handoff[]>;
  /**
   * Pending handoffs ahead of this one (the user's place in the queue is this plus one): every urgent
   * one, then those requested before it; for an urgent one, only earlier urgent ones.
   */
  countPendingBefore(requestedAt: Date, id: string, urgent?: boolean): Promise<number>;
  /** Pending handoffs whose expires_at has passed. */
  listExpired(now: Date): Promise<Handoff[]>;
  /**
   * Writes `next` only if the row is still in status `expected` (and held by `expectedAgentId` when
   * given): two agents taking at once, or the sweep racing a take, leave exactly one winner.
   */
  replaceIf(next: Handoff, expected: { status: HandoffStatus; agentId?: string | null }): Promise<boolean>;
  clearAwaitingChoice(id: string, now: Date): Promise<void>;
}

export interface TranscriptWindow {
  from?: Date;
  to?: Date;
  sessionAt?: Date;
}

export interface HandoffTranscriptRepository {
  /** Appends in order; returns the stored entries with their ids. */
  append(entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]>;
  /**
   * Oldest first; the newest `limit` (default 500) of those in the window. With `sessionAt`, only the
   * session (between two session starts) current at that instant: on a computer others use too, what
   * one person wrote.
   */
  list(conversationKey: string, options?: TranscriptWindow & { limit?: number }): Promise<TranscriptEntry[]>;
  /** Whether a file with this staged id arrived in this conversation (the console serves nothing else). */
  findAttachment(conversationKey: string, stagedId: string, window?: TranscriptWindow): Promise<TranscriptEntry | undefined>;
}

export interface AgentRepository {
  findById(id: string): Promise<Agent | undefined>;
  findByEmail(email: string): Promise<AgentWithHash | undefined>;
  list(): Promise<Agent[]>;
  /** Creates or updates by e-mail (seeds); returns the agent. */
  upsert(agent: { email: string; name: string; role: AgentRole; passwordHash: string; gender?: AgentGender }, now: Date): Promise<Agent>;
}

export interface AgentSessionRepository {
  create(session: AgentSession): Promise<void>;
  find(id: string): Promise<AgentSession | undefined>;
  touch(id: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes sessions idle or older than the limits. */
  deleteStale(idleBefore: Date, createdBefore: Date): Promise<number>;
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter?: { handoffId?: string; agentId?: string }): Promise<AuditEntry[]>;
}

/** A file an agent sends: only PDFs reach users. */
export interface AgentFile {
  name: string;
  contentType: 'application/pdf';
  bytes: Buffer;
}

/** What the user is told when the handoff changes; the gateway renders the es-CO text for each. */
export type HandoffNotice =
  | { kind: 'agent_joined'; agentId: string; agentName: string; agentGender?: AgentGender }
  | { kind: 'transferred'; agentName: string; agentGender?: AgentGender }
  | { kind: 'resolved' }
  | { kind: 'expired'; minutes: number };

/** Reaches the user on their channel, outside their own turn (implemented with ChannelRegistry). */
export interface HandoffChannelGateway {
  /** The agent's words (and file) as they typed them. Throws ChannelUnavailableError when the channel is down. */
  reply(handoff: Handoff, agent: Pick<Agent, 'id' | 'name' | 'gender'>, message: { text?: string; file?: AgentFile }): Promise<void>;
  /** Tells the user what changed; also emits the Bot Framework handoff status event that fits. */
  notify(handoff: Handoff, notice: HandoffNotice): Promise<void>;
  /** Tells the user and gives the conversation back to the bot, which re-asks where it was (or shows the menu). */
  handBack(handoff: Handoff, notice: HandoffNotice): Promise<void>;
}

export type HandoffLiveEvent =
  | { type: 'handoff'; handoff: Handoff }
  | { type: 'message'; handoffId: string; agentId?: string; entry: TranscriptEntry };

/** The console's live updates (server-sent events). In process: one instance serves the console. */
export interface HandoffEventBus {
  publish(event: HandoffLiveEvent): void;
  subscribe(listener: (event: HandoffLiveEvent) => void): () => void;
}
