// Texts a person reads: no word said twice in one line, no character counts, no "(*)" on a button.
import { describe, expect, it } from 'vitest';
import { authorizations } from '../../dialogs/messages/authorizations';
import { backOffice } from '../../dialogs/messages/backOffice';
import { selfService } from '../../dialogs/messages/selfService';
import { AUTHORIZATION_REQUEST_STATUS_LABELS, PQRDS_STATUS_LABELS } from '../../src/domain/model';

describe('plain Spanish', () => {
  it('a request in the list says its status once', () => {
    for (const status of Object.values(AUTHORIZATION_REQUEST_STATUS_LABELS)) {
      const line = selfService.pendingItem('AUT-2026-000005', status, '26/11/2026');
      const words = line.toLowerCase().match(/\p{L}+/gu) ?? [];
      expect(words.filter((w) => w.startsWith('radicad')).length, line).toBeLessThanOrEqual(1);
    }
  });

  it('a request or a PQRDS looked up says "Radicada" once', () => {
    const radicada = (text: string) => (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.startsWith('radicad')).length;
    const lookup = backOffice.lookupStatus({
      filingNumber: 'AUT-2026-000006', member: 'Ana Milena Rojas Castro', status: AUTHORIZATION_REQUEST_STATUS_LABELS.radicada,
      filed: '27/11/2026', due: '04/12/2026', observation: 'Control con medicina interna.', supports: 2,
    });
    expect(radicada(lookup), lookup).toBe(1);
    const pqrds = selfService.pqrdsStatus({ code: 'PQR-2026-000124', type: 'Reclamo', status: PQRDS_STATUS_LABELS.radicada, filed: '27/11/2026', due: '21/12/2026' });
    expect(radicada(pqrds), pqrds).toBe(1);
  });

  it('the observation question speaks in words, not character counts or markdown', () => {
    expect(authorizations.askObservation).not.toMatch(/caracteres|\d+ y \d+/);
    expect(authorizations.askObservation).not.toMatch(/(^|\s)_\S/);
  });

  it('a text too short or too long is explained in words, not character counts', () => {
    for (const text of [
      authorizations.observationTooShort(10, 6),
      authorizations.observationTooLong(1000, 1001),
      selfService.pqrdsDescriptionHelp(20, 2000),
      selfService.pqrdsDescriptionTooShort(20),
      selfService.pqrdsDescriptionTooLong(2000),
    ]) {
      expect(text).not.toMatch(/caracteres|\d/);
    }
  });

  it('counts are said in words that agree, never "soporte(s)"', () => {
    expect(backOffice.supportsSent('AUT-2026-000005', 1)).toContain('agregamos un soporte a la solicitud');
    expect(backOffice.supportsSent('AUT-2026-000005', 3)).toContain('agregamos 3 soportes a la solicitud');
    for (const count of [1, 2]) expect(backOffice.supportsSent('AUT-2026-000005', count)).not.toMatch(/\(s\)/);
  });

  it('buttons carry no "(*)"', () => {
    for (const title of Object.values(selfService.fieldButtons)) expect(title).not.toContain('(*)');
  });
});
