// People who take conversations from the bot, and what each role may do. A supervisor sees and acts on
// every handoff (transfers included); an agent acts only on the ones assigned to them or still waiting.
import type { Handoff } from './handoff';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session';

/** 'autorizador': back office only (decides requests, answers PQRDS); takes no conversations. */
export type AgentRole = 'agent' | 'supervisor' | 'autorizador';

/** Who may use the agent console's conversations, and who the back office. */
export const CONSOLE_ROLES: readonly AgentRole[] = ['agent', 'supervisor'];
export const BACK_OFFICE_ROLES: readonly AgentRole[] = ['autorizador', 'supervisor'];

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  active: boolean;
}

export interface AgentWithHash extends Agent {
  passwordHash: string;
}

/** Console sessions: OWASP ASVS / NIST SP 800-63B figures, the same as the affiliates' chat sessions. */
export const AGENT_SESSION_IDLE_MS = SESSION_IDLE_MS;
export const AGENT_SESSION_ABSOLUTE_MS = SESSION_ABSOLUTE_MS;

export interface AgentSession {
  /** Keyed hash of the cookie value: a copy of the table gives no usable cookie. */
  id: string;
  agentId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export function agentSessionAlive(session: AgentSession, now: Date): boolean {
  const t = now.getTime();
  return t - session.createdAt.getTime() < AGENT_SESSION_ABSOLUTE_MS && t - session.lastSeenAt.getTime() < AGENT_SESSION_IDLE_MS;
}

/** May this agent read the conversation (transcript, files, context)? */
export function canView(agent: Pick<Agent, 'id' | 'role'>, handoff: Pick<Handoff, 'status' | 'agentId'>): boolean {
  if (agent.role === 'supervisor') return true;
  // Waiting conversations are open to every agent so they can choose which one to take.
  if (handoff.status === 'pending') return true;
  return handoff.agentId === agent.id;
}

/** May this agent write to the user or end the conversation? Only its holder (or a supervisor). */
export function canAct(agent: Pick<Agent, 'id' | 'role'>, handoff: Pick<Handoff, 'status' | 'agentId'>): boolean {
  if (handoff.status !== 'assigned') return false;
  return agent.role === 'supervisor' || handoff.agentId === agent.id;
}

/** Actions written to the audit table: every opening of a conversation or file, and every change. */
export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'view_transcript'
  | 'open_file'
  | 'take'
  | 'transfer'
  | 'reply'
  | 'resolve';

export interface AuditEntry {
  id?: number;
  agentId?: string;
  action: AuditAction;
  handoffId?: string;
  /** Technical detail only (a staged file id, the target agent id): never message text. */
  detail?: string;
  at: Date;
}
