// Sign-in to the agent console: argon2id passwords, server-side sessions with idle and absolute limits,
// a CSRF token per session, and guessing limits checked before any hashing: per e-mail the account locks
// (5 free failures, then 30 s doubling up to 15 min), per client address guessing only slows down (20 free
// failures an hour, then 1 s doubling up to a minute), so a stranger cannot lock an office that shares one
// address. Both live in the database (rate events), bounded by the pruner and shared by every instance.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../domain/clock';
import {
  Agent,
  AGENT_SESSION_ABSOLUTE_MS,
  AGENT_SESSION_IDLE_MS,
  AgentGender,
  AgentRole,
  AgentSession,
  agentSessionAlive,
} from '../domain/handoffAgent';
import { Logger, pseudonym } from '../observability/logger';
import { RateEventThrottle, rateSubjectKeyer } from './identity/rateEventThrottle';
import type { AgentRepository, AgentSessionRepository, AuditRepository } from './ports/handoff';
import type { PasswordHasher, RateLimitEventRepository } from './ports/identity';

export interface AgentAuthDeps {
  agents: AgentRepository;
  sessions: AgentSessionRepository;
  audit: AuditRepository;
  hasher: PasswordHasher;
  /** Where the guessing limits count failures. */
  rateEvents: RateLimitEventRepository;
  clock: Clock;
  /** SESSION_SECRET: session ids in the table are keyed hashes of the cookie value. */
  secret: string;
  logger: Logger;
}

export type AgentLoginOutcome =
  | { kind: 'ok'; agent: Agent; cookieToken: string; csrfToken: string }
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAfterMs: number };

export interface AgentSignedIn {
  agent: Agent;
  session: AgentSession;
}

/** Writing last_seen_at on every call would be a write per request; this much staleness is harmless. */
const TOUCH_EVERY_MS = 15_000;

/** Longer than any real address, shorter than what an attacker would like to hash. */
const MAX_PASSWORD_CHARS = 256;

export const AGENT_ACCOUNT_THROTTLE = { scope: 'agent_fail_account', freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, windowMs: 24 * 60 * 60_000 } as const;
export const AGENT_ADDRESS_THROTTLE = { scope: 'agent_fail_addr', freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 60_000, windowMs: 60 * 60_000 } as const;

export class AgentAuthService {
  private decoyHash?: Promise<string>;
  private readonly accountThrottle: RateEventThrottle;
  private readonly addressThrottle: RateEventThrottle;
  private readonly subjectKey: (kind: string, value: string) => string;

  constructor(private readonly deps: AgentAuthDeps) {
    this.accountThrottle = new RateEventThrottle(deps.rateEvents, AGENT_ACCOUNT_THROTTLE);
    this.addressThrottle = new RateEventThrottle(deps.rateEvents, AGENT_ADDRESS_THROTTLE);
    this.subjectKey = rateSubjectKeyer(deps.secret);
  }

  /** `clientAddress`: the client's real address (server/clientAddress.ts), never a proxy's. */
  async login(email: string, password: string, clientAddress: string): Promise<AgentLoginOutcome> {
    const now = this.deps.clock.now();
    const accountKey = this.subjectKey('agent-email', email.trim().toLowerCase());
    const addressKey = this.subjectKey('address', clientAddress);
    for (const [throttle, key] of [[this.accountThrottle, accountKey], [this.addressThrottle, addressKey]] as const) {
      const decision = await throttle.check(key, now);
      if (!decision.allowed) return { kind: 'throttled', retryAfterMs: decision.retryAfterMs };
    }

    const found = email.length <= 254 ? await this.deps.agents.findByEmail(email) : undefined;
    // An unknown e-mail costs the same hashing time as a known one: timing does not reveal who is an agent.
    const hash = found?.active ? found.passwordHash : await (this.decoyHash ??= this.deps.hasher.hash(randomBytes(24).toString('base64url')));
    const valid = password.length <= MAX_PASSWORD_CHARS && (await this.deps.hasher.verify(hash, password));
    if (!found?.active || !valid) {
      await this.accountThrottle.recordFailure(accountKey, now);
      await this.addressThrottle.recordFailure(addressKey, now);
      await this.deps.audit.record({ agentId: found?.id, action: 'login_failed', at: now });
      this.deps.logger.info('agent_login_failed', { account: pseudonym(email.trim().toLowerCase()) });
      return { kind: 'invalid' };
    }
    // The account's run of failures ends; the address keeps its count (it is a rate, not a run).
    await this.accountThrottle.clear(accountKey);

    const cookieToken = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.deps.sessions.create({ id: this.sessionId(cookieToken), agentId: found.id, csrfToken, createdAt: now, lastSeenAt: now });
    await this.deps.audit.record({ agentId: found.id, action: 'login', at: now });
    await this.deps.sessions.deleteStale(new Date(now.getTime() - AGENT_SESSION_IDLE_MS), new Date(now.getTime() - AGENT_SESSION_ABSOLUTE_MS));
    const { passwordHash: _hash, ...agent } = found;
    return { kind: 'ok', agent, cookieToken, csrfToken };
  }

  /**
   * The signed-in agent of a cookie, or undefined when the session is unknown, idle too long or too old.
   * `touch: false` checks without counting as activity (the live-updates stream must not keep a session alive).
   */
  async authenticate(cookieToken: string | undefined, options: { touch?: boolean } = {}): Promise<AgentSignedIn | undefined> {
    if (!cookieToken || cookieToken.length > 100) return undefined;
    const id = this.sessionId(cookieToken);
    const session = await this.deps.sessions.find(id);
    if (!session) return undefined;
    const now = this.deps.clock.now();
    if (!agentSessionAlive(session, now)) {
      await this.deps.sessions.delete(id);
      return undefined;
    }
    const agent = await this.deps.agents.findById(session.agentId);
    if (!agent?.active) return undefined;
    if ((options.touch ?? true) && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.deps.sessions.touch(id, now);
      session.lastSeenAt = now;
    }
    return { agent, session };
  }

  checkCsrf(session: AgentSession, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(session.csrfToken);
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  async logout(signedIn: AgentSignedIn): Promise<void> {
    await this.deps.sessions.delete(signedIn.session.id);
    await this.deps.audit.record({ agentId: signedIn.agent.id, action: 'logout', at: this.deps.clock.now() });
  }

  async listAgents(): Promise<Agent[]> {
    return (await this.deps.agents.list()).filter((a) => a.active);
  }

  private sessionId(cookieToken: string): string {
    return createHmac('sha256', this.deps.secret).update(cookieToken).digest('hex');
  }
}

/** The console's demo users (README, "Demo data"): seeded in development and test only, never in production. */
export const DEMO_AGENTS: ReadonlyArray<{ email: string; password: string; name: string; role: AgentRole; gender: AgentGender }> = [
  { email: 'asesor@demo.local', password: 'asesor-demo-2026', name: 'Laura Gómez', role: 'agent', gender: 'F' },
  { email: 'supervisor@demo.local', password: 'supervisor-demo-2026', name: 'Sofía Díaz', role: 'supervisor', gender: 'F' },
  { email: 'autorizador@demo.local', password: 'autorizador-demo-2026', name: 'Andrés Mejía', role: 'autorizador', gender: 'M' },
];

/** Creates the demo agents that are missing; returns how many it created. */
export async function ensureDemoAgents(
  deps: { agents: AgentRepository; hasher: PasswordHasher; clock: Clock },
  env: 'development' | 'production' | 'test',
): Promise<number> {
  if (env === 'production') return 0;
  let created = 0;
  for (const demo of DEMO_AGENTS) {
    const existing = await deps.agents.findByEmail(demo.email);
    if (existing) {
      // Databases seeded before agents had a gender get it once; nothing else of theirs changes.
      if (!existing.gender) await deps.agents.upsert({ ...existing, gender: demo.gender }, deps.clock.now());
      continue;
    }
    await deps.agents.upsert(
      { email: demo.email, name: demo.name, role: demo.role, gender: demo.gender, passwordHash: await deps.hasher.hash(demo.password) },
      deps.clock.now(),
    );
    created += 1;
  }
  return created;
}
