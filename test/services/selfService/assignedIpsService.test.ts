import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { createSelfServiceWorld, SelfServiceWorld } from './selfServiceWorld';

describe('AssignedIpsService', () => {
  let f: SelfServiceWorld;
  beforeAll(async () => {
    f = await createSelfServiceWorld();
  });
  afterAll(async () => {
    await f.db.close();
  });

  it('gives the IPS with address, phone, municipality and directions', async () => {
    const ips = await f.assignedIps.assignedTo(DEMO_IDS.anaMilena);
    expect(ips).toMatchObject({
      name: 'Centro Médico Familiar El Prado',
      address: 'Carrera 54 # 64-15, barrio El Prado',
      phone: '(605) 385 0102',
      municipalityLabel: 'Barranquilla (Atlántico)',
    });
    expect(ips?.directions).toMatch(/Frente al parque/);
  });

  it('says there is none when no IPS is assigned', async () => {
    await f.knex('affiliates').where({ id: DEMO_IDS.anaMilena }).update({ ips_code: null });
    expect(await f.assignedIps.assignedTo(DEMO_IDS.anaMilena)).toBeUndefined();
  });
});
