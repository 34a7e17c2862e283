import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotInNucleusError } from '../../../src/services/family/familyNucleusService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { createSelfServiceWorld, SelfServiceWorld } from './selfServiceWorld';

describe('AuthorizationStatusService', () => {
  let f: SelfServiceWorld;
  beforeAll(async () => {
    f = await createSelfServiceWorld();
  });
  afterAll(async () => {
    await f.db.close();
  });
  const ana = DEMO_IDS.anaMilena;

  it('lists a member’s authorizations newest first, with the provider IPS by name', async () => {
    const list = await f.authorizationStatus.authorizations(ana, ana);
    expect(list.map((a) => [a.serviceCode, a.status])).toEqual([
      ['883522', 'activa'],
      ['903841', 'utilizada'],
      ['895100', 'anulada'],
      ['883101', 'vencida'],
    ]);
    expect(list[0].providerIpsName).toBe('IPS Salud Caribe Centro');
  });

  it.each([
    ['resonancia', ['883522', '883101']],
    ['RESONÁNCIA', ['883522', '883101']],
    ['883522', ['883522']],
    ['8835', ['883522']],
    ['glucosa', ['903841']],
    ['resonansia', ['883522', '883101']],
    ['resonacia magnetica', ['883522', '883101']],
    ['glucoza', ['903841']],
    ['tomografia', []],
    ['tos', []],
  ])('filters by service code or name: "%s"', async (filter, codes) => {
    const list = await f.authorizationStatus.authorizations(ana, ana, filter);
    expect(list.map((a) => a.serviceCode)).toEqual(codes);
  });

  it('gives the requests with justification and rejection reason, and which are still pending', async () => {
    const requests = await f.authorizationStatus.requests(ana, ana);
    expect(requests.map((r) => r.filingNumber)).toEqual(['AUT-2026-000005', 'AUT-2026-000004', 'AUT-2026-000003', 'AUT-2026-000002', 'AUT-2026-000001']);
    const rejected = requests.find((r) => r.status === 'rechazada')!;
    expect(rejected.rejectionReason).toMatch(/no tiene la firma/);
    const pending = await f.authorizationStatus.pendingRequests(ana, ana);
    expect(pending.map((r) => r.status)).toEqual(['radicada', 'en_revision']);
  });

  it('shows a child’s authorizations to the head of her nucleus, and to nobody else', async () => {
    const list = await f.authorizationStatus.authorizations(DEMO_IDS.mariaFernanda, DEMO_IDS.valentina);
    expect(list.map((a) => a.serviceCode)).toEqual(['890202']);
    await expect(f.authorizationStatus.authorizations(ana, DEMO_IDS.valentina)).rejects.toBeInstanceOf(NotInNucleusError);
    await expect(f.authorizationStatus.requests(DEMO_IDS.mariaFernanda, ana)).rejects.toBeInstanceOf(NotInNucleusError);
  });
});
