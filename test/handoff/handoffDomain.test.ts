// The status machine as a table, the rules of who may see and act, and the redaction of secrets in what
// agents read.
import { describe, expect, it } from 'vitest';
import {
  Handoff,
  HANDOFF_TRANSITIONS,
  HandoffEvent,
  HandoffStatus,
  HandoffTransitionError,
  holdsConversation,
  transition,
} from '../../src/domain/handoff';
import { agentSessionAlive, canAct, canView } from '../../src/domain/handoffAgent';
import { redactForTranscript, redactSecrets } from '../../src/domain/handoffTranscript';

const NOW = new Date('2026-11-27T15:00:00Z');
const base: Handoff = {
  id: 'h1',
  conversationKey: 'webchat:c1',
  channel: 'webchat',
  reference: {},
  reason: 'user_request',
  mode: 'live',
  status: 'pending',
  requestedAt: NOW,
  awaitingChoice: false,
  updatedAt: NOW,
};
const EVENTS: HandoffEvent[] = [
  { type: 'take', agentId: 'a1' },
  { type: 'transfer', agentId: 'a2' },
  { type: 'resolve' },
  { type: 'user_cancel' },
  { type: 'expire' },
];
const STATUSES: HandoffStatus[] = ['pending', 'assigned', 'resolved', 'expired', 'cancelled'];

describe('handoff status machine', () => {
  it('allows exactly the moves of the table and refuses every other one', () => {
    for (const status of STATUSES) {
      for (const event of EVENTS) {
        const to = HANDOFF_TRANSITIONS[status][event.type];
        const from = { ...base, status };
        if (to) expect(transition(from, event, NOW).status).toBe(to);
        else expect(() => transition(from, event, NOW)).toThrow(HandoffTransitionError);
      }
    }
  });

  it('closed handoffs accept nothing: a resolved or expired one can never be taken again', () => {
    for (const status of ['resolved', 'expired', 'cancelled'] as const) expect(HANDOFF_TRANSITIONS[status]).toEqual({});
  });

  it('records the agent, the times and why it ended', () => {
    const later = new Date(NOW.getTime() + 60_000);
    const taken = transition(base, { type: 'take', agentId: 'a1' }, later);
    expect([taken.agentId, taken.assignedAt]).toEqual(['a1', later]);
    expect(transition(taken, { type: 'resolve' }, later)).toMatchObject({ exitReason: 'resolved_by_agent', closedAt: later });
    expect(transition(base, { type: 'expire' }, later)).toMatchObject({ exitReason: 'no_agent', awaitingChoice: true });
    expect(transition(taken, { type: 'user_cancel' }, later)).toMatchObject({ exitReason: 'user_left' });
  });

  it('silences the bot while live and waiting, or held by an agent; a callback lets the user go on', () => {
    expect(holdsConversation({ status: 'pending', mode: 'live' })).toBe(true);
    expect(holdsConversation({ status: 'pending', mode: 'callback' })).toBe(false);
    expect(holdsConversation({ status: 'assigned', mode: 'callback' })).toBe(true);
    expect(holdsConversation({ status: 'resolved', mode: 'live' })).toBe(false);
  });
});

describe('who may see and act', () => {
  const agent = { id: 'a1', role: 'agent' as const };
  const other = { id: 'a2', role: 'agent' as const };
  const supervisor = { id: 's1', role: 'supervisor' as const };
  const held = { status: 'assigned' as const, agentId: 'a1' };

  it('any agent sees a waiting conversation; only its holder or a supervisor sees a held one', () => {
    expect(canView(other, { status: 'pending' })).toBe(true);
    expect(canView(agent, held)).toBe(true);
    expect(canView(other, held)).toBe(false);
    expect(canView(supervisor, held)).toBe(true);
  });

  it('only the holder or a supervisor writes or closes, and only while held', () => {
    expect(canAct(agent, held)).toBe(true);
    expect(canAct(other, held)).toBe(false);
    expect(canAct(supervisor, held)).toBe(true);
    expect(canAct(agent, { status: 'pending' })).toBe(false);
    expect(canAct(agent, { status: 'resolved', agentId: 'a1' })).toBe(false);
  });

  it('console sessions end after 15 idle minutes or 12 hours', () => {
    const session = { id: 's', agentId: 'a1', csrfToken: 'c', createdAt: NOW, lastSeenAt: NOW };
    expect(agentSessionAlive(session, new Date(NOW.getTime() + 14 * 60_000))).toBe(true);
    expect(agentSessionAlive(session, new Date(NOW.getTime() + 15 * 60_000))).toBe(false);
    const busy = { ...session, lastSeenAt: new Date(NOW.getTime() + 12 * 3_600_000 - 1000) };
    expect(agentSessionAlive(busy, new Date(NOW.getTime() + 12 * 3_600_000))).toBe(false);
  });
});

describe('redacting secrets agents should not read', () => {
  it.each([
    ['Tu contraseña temporal es Xy7#kq92', 'Tu contraseña temporal es [oculto]'],
    ['Tu código de verificación es 482913. Vence en 10 minutos.', 'Tu código de verificación es [oculto]. Vence en 10 minutos.'],
    ['OTP: 1234', 'OTP: [oculto]'],
    ['mi clave es perro2024', 'mi clave es [oculto]'],
  ])('%s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    'Escribe tu contraseña.',
    'Tu radicado es AUT-2026-000123.',
    'El código de tu PQRDS es PQR-2026-000123',
    'Ingresa el código que te enviamos por SMS.',
  ])('keeps "%s"', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redacting personal identifiers from what agents read', () => {
  it.each([
    ['CC 1045678904', 'CC [oculto]'],
    ['mi cédula es 1.045.678.901 y mi celular 300 111 2233', 'mi cédula es [oculto] y mi celular [oculto]'],
    ['nací el 14 de marzo de 2008', 'nací el [oculto]'],
    ['expedida el 14/03/2008', 'expedida el [oculto]'],
    ['fecha 2008-03-14', 'fecha [oculto]'],
    ['código de verificación K7P2QX9A', 'código de verificación [oculto]'],
    ['Tu radicado es AUT-2026-000123; respuesta el 27/11/2026', 'Tu radicado es AUT-2026-000123; respuesta el [oculto]'],
  ])('%s', (text, expected) => {
    expect(redactForTranscript(text)).toBe(expected);
  });

  it.each(['Escribe 1 o 2', 'Tienes 3 autorizaciones', 'El código de tu PQRDS es PQR-2026-000123', 'Te atendemos a las 15:00'])('keeps "%s"', (text) => {
    expect(redactForTranscript(text)).toBe(text);
  });
});

