// What the console shows: the queue with waiting times, a conversation's transcript and context (who the
// affiliate is, masked; the task in progress), and the files the user sent. Every opening is audited,
// and an agent only opens what is waiting or theirs (a supervisor opens everything).
import { withoutEmphasisMarks } from '../domain/text';
import { Clock } from '../domain/clock';
import { NotFoundError } from '../domain/errors';
import { Handoff, HandoffForbiddenError, HandoffStatus, waitingMinutes } from '../domain/handoff';
import { Agent, canView } from '../domain/handoffAgent';
import { handoffTranscriptWindow, TranscriptAttachment, TranscriptEntry } from '../domain/handoffTranscript';
import { maskKeepingEnds } from '../domain/masking';
import { fullName } from '../domain/model';
import type { AffiliateRepository } from './ports/repositories';
import type { AgentRepository, AuditRepository, HandoffTranscriptRepository } from './ports/handoff';
import type { HandoffService } from './handoffService';

export interface AffiliateSummary {
  id: string;
  name: string;
  /** "CC ******8901": enough to confirm with the user, too little to reuse. */
  document: string;
}

export interface HandoffView {
  id: string;
  status: HandoffStatus;
  mode: Handoff['mode'];
  channel: string;
  reason: Handoff['reason'];
  /** A life may be at risk: shown first and marked. */
  urgent: boolean;
  requestedAt: string;
  assignedAt: string | null;
  closedAt: string | null;
  exitReason: string | null;
  assignedTo: string | null;
  assignedToName: string | null;
  waitingMinutes: number;
  task: string;
  affiliate?: AffiliateSummary;
}

export interface TranscriptEntryView {
  id: number;
  author: TranscriptEntry['author'];
  agentName?: string;
  text?: string;
  options?: string[];
  attachments?: Array<TranscriptAttachment & { url?: string }>;
  unsupportedContent?: string;
  at: string;
}

export interface HandoffConsoleDeps {
  handoffs: HandoffService;
  transcripts: HandoffTranscriptRepository;
  agents: AgentRepository;
  audit: AuditRepository;
  affiliates?: Pick<AffiliateRepository, 'findById'>;
  clock: Clock;
  /** The active dialog id in the agent's words (src/bot/handoff/taskLabels.ts). */
  taskLabel: (dialogId: string | undefined) => string;
}

export class HandoffConsoleService {
  constructor(private readonly deps: HandoffConsoleDeps) {}

  async list(statuses: HandoffStatus[]): Promise<HandoffView[]> {
    const handoffs = await this.deps.handoffs.list(statuses);
    const names = await this.agentNames();
    return Promise.all(handoffs.map((h) => this.view(h, names)));
  }

  async view(handoff: Handoff, names?: Map<string, string>): Promise<HandoffView> {
    const agentNames = names ?? (await this.agentNames());
    const now = this.deps.clock.now();
    return {
      id: handoff.id,
      status: handoff.status,
      mode: handoff.mode,
      channel: handoff.channel,
      reason: handoff.reason,
      urgent: handoff.urgent ?? false,
      requestedAt: handoff.requestedAt.toISOString(),
      assignedAt: handoff.assignedAt?.toISOString() ?? null,
      closedAt: handoff.closedAt?.toISOString() ?? null,
      exitReason: handoff.exitReason ?? null,
      assignedTo: handoff.agentId ?? null,
      assignedToName: handoff.agentId ? (agentNames.get(handoff.agentId) ?? null) : null,
      waitingMinutes: waitingMinutes(handoff, handoff.assignedAt ?? handoff.closedAt ?? now),
      task: this.deps.taskLabel(handoff.activeTask),
      affiliate: await this.affiliate(handoff.affiliateId),
    };
  }

  /** The conversation so far, for an agent allowed to see it; the opening is audited. */
  async openTranscript(agent: Agent, handoffId: string): Promise<{ handoff: HandoffView; entries: TranscriptEntryView[] }> {
    const handoff = await this.viewable(agent, handoffId);
    await this.deps.audit.record({ agentId: agent.id, action: 'view_transcript', handoffId, at: this.deps.clock.now() });
    const names = await this.agentNames();
    // Only the recent part, and only the session of the person who asked (a shared computer holds others').
    const entries = await this.deps.transcripts.list(handoff.conversationKey, { ...handoffTranscriptWindow(handoff), sessionAt: handoff.requestedAt });
    return { handoff: await this.view(handoff, names), entries: entries.map((e) => entryView(e, handoffId, names)) };
  }

  /** A file the user sent in this conversation (nothing else is reachable); the opening is audited. */
  async openFile(agent: Agent, handoffId: string, stagedId: string): Promise<TranscriptAttachment & { stagedId: string }> {
    const handoff = await this.viewable(agent, handoffId);
    // Only files of the part of the conversation the agent may read.
    const entry = await this.deps.transcripts.findAttachment(handoff.conversationKey, stagedId, {
      ...handoffTranscriptWindow(handoff),
      sessionAt: handoff.requestedAt,
    });
    const attachment = entry?.attachments?.find((a) => a.stagedId === stagedId);
    if (!attachment) throw new NotFoundError('file');
    await this.deps.audit.record({ agentId: agent.id, action: 'open_file', handoffId, detail: stagedId, at: this.deps.clock.now() });
    return { ...attachment, stagedId };
  }

  /** Whether a live message of this handoff may reach this agent's console. */
  canSee(agent: Agent, handoff: Pick<Handoff, 'status' | 'agentId'>): boolean {
    return canView(agent, handoff);
  }

  async agentNames(): Promise<Map<string, string>> {
    return new Map((await this.deps.agents.list()).map((a) => [a.id, a.name]));
  }

  private async viewable(agent: Agent, handoffId: string): Promise<Handoff> {
    const handoff = await this.deps.handoffs.get(handoffId);
    if (!canView(agent, handoff)) throw new HandoffForbiddenError('another agent holds this conversation');
    return handoff;
  }

  private async affiliate(affiliateId: string | undefined): Promise<AffiliateSummary | undefined> {
    if (!affiliateId || !this.deps.affiliates) return undefined;
    const found = await this.deps.affiliates.findById(affiliateId);
    if (!found) return undefined;
    return { id: found.id, name: fullName(found), document: `${found.documentType} ${maskKeepingEnds(found.documentNumber, 0, 4)}` };
  }
}

export function entryView(entry: TranscriptEntry, handoffId: string, agentNames: Map<string, string>): TranscriptEntryView {
  return {
    id: entry.id,
    author: entry.author,
    agentName: entry.agentId ? agentNames.get(entry.agentId) : undefined,
    // What the bot wrote carries WhatsApp's *bold*; the console shows it plain. A person's words stay as typed.
    text: entry.text && entry.author !== 'user' ? withoutEmphasisMarks(entry.text) : entry.text,
    options: entry.options,
    attachments: entry.attachments?.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      url: a.stagedId ? `/api/agent/handoffs/${encodeURIComponent(handoffId)}/files/${a.stagedId}` : undefined,
    })),
    unsupportedContent: entry.unsupportedContent,
    at: entry.at.toISOString(),
  };
}
