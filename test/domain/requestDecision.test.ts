// The request status machine: what each decision does from each status.
import { describe, expect, it } from 'vitest';
import { nextRequestStatus } from '../../src/domain/backOffice/requestDecision';

describe('nextRequestStatus', () => {
  it.each([
    ['radicada', 'approve', 'aprobada'],
    ['en_revision', 'reject', 'rechazada'],
    ['radicada', 'request_supports', 'pendiente_soportes'],
    ['pendiente_soportes', 'supports_added', 'radicada'],
    ['pendiente_soportes', 'approve', 'aprobada'],
  ] as const)('%s + %s → %s', (from, event, next) => {
    expect(nextRequestStatus(from, event)).toEqual({ ok: true, next });
  });

  it('tells a repeated decision from a different one on a decided request', () => {
    expect(nextRequestStatus('aprobada', 'approve')).toEqual({ ok: false, code: 'same_decision' });
    expect(nextRequestStatus('aprobada', 'reject')).toEqual({ ok: false, code: 'request_already_decided' });
    expect(nextRequestStatus('rechazada', 'request_supports')).toEqual({ ok: false, code: 'request_already_decided' });
    expect(nextRequestStatus('anulada', 'approve')).toEqual({ ok: false, code: 'request_already_decided' });
  });

  it('refuses supports nobody asked for and asking twice', () => {
    expect(nextRequestStatus('radicada', 'supports_added')).toEqual({ ok: false, code: 'invalid_transition' });
    expect(nextRequestStatus('pendiente_soportes', 'request_supports')).toEqual({ ok: false, code: 'invalid_transition' });
  });
});
