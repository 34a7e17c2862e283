import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotInNucleusError } from '../../../src/services/family/familyNucleusService';
import { parseBasicDataField, validateBasicData } from '../../../src/services/selfService/basicDataService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { createSelfServiceWorld, NOW, SelfServiceWorld } from './selfServiceWorld';

describe('basic data validation (zod over the domain checks)', () => {
  it.each([
    ['mobile', '+57 300 123 4567', { ok: true, value: '3001234567' }],
    ['mobile', '6053850000', { ok: false, reason: 'mobile_not_mobile' }],
    ['mobile', 'ninguno', { ok: false, reason: 'required' }],
    ['mobile', '   ', { ok: false, reason: 'required' }],
    ['email', 'Ana.Rojas@Example.COM', { ok: true, value: 'Ana.Rojas@example.com' }],
    ['email', 'ana.rojas@', { ok: false, reason: 'email_invalid' }],
    ['email', 'ninguno', { ok: true, value: null }],
    ['address', '  Calle 45   # 12-34 ', { ok: true, value: 'Calle 45 # 12-34' }],
    ['address', 'cll', { ok: false, reason: 'address_too_short' }],
    ['address', 'borrar', { ok: false, reason: 'required' }],
  ] as const)('%s "%s"', (field, text, expected) => {
    expect(parseBasicDataField(field, text)).toEqual(expected);
  });

  it('refuses an unknown municipality code and fields that are not editable', () => {
    expect(validateBasicData({ municipalityCode: '99999' })).toEqual({ ok: false, reason: 'municipality_unknown' });
    expect(validateBasicData({ municipalityCode: '08758' })).toEqual({ ok: true, changes: { municipalityCode: '08758' } });
    expect(validateBasicData({ documentNumber: '1' } as never).ok).toBe(false);
  });
});

describe('BasicDataService', () => {
  let f: SelfServiceWorld;
  beforeAll(async () => {
    f = await createSelfServiceWorld();
  });
  afterAll(async () => {
    await f.db.close();
  });
  const ana = DEMO_IDS.anaMilena;

  it('records "mis datos están actualizados" as a dated confirmation of the data as they were', async () => {
    const consent = await f.basicData.confirmUpToDate(ana, ana, 'webchat');
    expect(await f.repos.consents.latest(ana, 'data_confirmation')).toEqual(consent);
    expect(consent).toMatchObject({ kind: 'data_confirmation', acceptedAt: new Date(NOW), channel: 'webchat', version: '2026-01-02T13:00:00.000Z' });
  });

  it('saves address and municipality without a password, and only within the nucleus', async () => {
    const saved = await f.basicData.update(ana, ana, { address: 'Calle 30 # 8-40', municipalityCode: '08758' }, { reauthenticated: false });
    expect(saved).toMatchObject({ address: 'Calle 30 # 8-40', municipalityCode: '08758', mobile: '3001112236' });
    expect((await f.basicData.view(ana, ana)).municipalityLabel).toBe('Soledad (Atlántico)');
    await expect(f.basicData.update(ana, DEMO_IDS.valentina, { address: 'Calle 1 # 1-1' }, { reauthenticated: true })).rejects.toBeInstanceOf(NotInNucleusError);
  });

  it('needs the password again to change or clear the mobile or e-mail', async () => {
    await expect(f.basicData.update(ana, ana, { mobile: '3157654321' }, { reauthenticated: false })).rejects.toMatchObject({ code: 'reauthentication_required' });
    await expect(f.basicData.update(ana, ana, { email: null }, { reauthenticated: false })).rejects.toMatchObject({ code: 'reauthentication_required' });
    // The same value is no change, so no password is needed.
    await expect(f.basicData.update(ana, ana, { mobile: '300 111 2236' }, { reauthenticated: false })).resolves.toMatchObject({ mobile: '3001112236' });
    const saved = await f.basicData.update(ana, ana, { mobile: '3157654321', email: null }, { reauthenticated: true });
    expect(saved.mobile).toBe('3157654321');
    expect(saved.email).toBeUndefined();
  });

  it('refuses invalid data with the reason code and saves nothing', async () => {
    await expect(f.basicData.update(ana, ana, { address: 'Calle 9 # 9-9', email: 'no-es-correo' }, { reauthenticated: true })).rejects.toMatchObject({ code: 'email_invalid' });
    expect((await f.basicData.view(ana, ana)).member.address).not.toBe('Calle 9 # 9-9');
  });
});
