// What the manual shows and the bot used to skip: after choosing another member of the nucleus, who they
// are for the EPS (status, regime, type, IPS); "Mi IPS asignada" for each member; and a request's
// observation and supports in "Solicitudes".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { family } from '../../../dialogs/messages';
import { selfService as t } from '../../../dialogs/messages/selfService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { createSelfServiceBot, MENU, saying, SelfServiceBot } from './selfServiceBot';

const VALENTINA = { name: 'Valentina Ruiz Pérez', status: 'Activo', regime: 'Contributivo', affiliateType: 'Beneficiario', ipsName: 'IPS Salud Caribe Centro' };

describe('a member of the nucleus, as the manual shows them', () => {
  let dir: string;
  let bot: SelfServiceBot;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'member-info-'));
    bot = await createSelfServiceBot(dir);
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the chosen member before asking what to see of them', async () => {
    await bot.login(DEMO_IDS.mariaFernanda);
    await bot.say('hola');
    await bot.play([
      ['estado de autorizaciones', [saying(t.statusChooseMember)]],
      ['Valentina', [saying(family.memberProfile(VALENTINA), t.statusChooseView('Valentina Ruiz Pérez'))]],
    ]);
  });

  it('shows the chosen member above their basic data', async () => {
    await bot.login(DEMO_IDS.mariaFernanda);
    await bot.say('hola');
    await bot.play([
      ['actualizar mis datos', [saying(t.basicDataChooseMember)]],
      // Valentina has neither mobile nor e-mail: the bot offers to add them, it does not ask "¿Están correctos?".
      ['Valentina', [saying(family.memberProfile(VALENTINA), '• Documento: TI 1098765432', t.basicDataMissing(false, {}), '1. Sí, agregar')]],
    ]);
  });

  it('"Mi IPS asignada" asks whose in a nucleus, and answers for that member', async () => {
    await bot.login(DEMO_IDS.mariaFernanda);
    await bot.say('hola');
    await bot.play([
      ['mi ips', [saying(t.ipsChooseMember, 'Santiago Ruiz Pérez')]],
      ['Valentina', [family.memberProfile(VALENTINA), saying(t.ipsWhoseMember('Valentina Ruiz Pérez'), 'IPS Salud Caribe Centro', 'Calle 45 # 38-21'), MENU]],
    ]);
    await bot.f.knex('affiliates').where({ id: DEMO_IDS.santiago }).update({ ips_code: null });
    await bot.play([
      ['mi ips', [saying(t.ipsChooseMember)]],
      ['Santiago', [saying('Santiago Ruiz Pérez: Activo', 'IPS: sin IPS asignada'), t.noIpsMember('Santiago Ruiz Pérez'), MENU]],
    ]);
  });

  it('lists each request with its observation and the names of its supports', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([
      ['estado de autorizaciones', [saying(family.onlyYou('Ana')), saying(t.statusChooseView())]],
      [
        'solicitudes',
        [saying('*AUT-2026-000005* · Radicada', 'Observación: Remisión a ortopedia para control de rodilla después de la resonancia.', 'Soportes: orden-medica.pdf'), saying('Terminar')],
      ],
    ]);
  });
});
