import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { common, family } from '../../../dialogs/messages';
import { selfService as t } from '../../../dialogs/messages/selfService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { createSelfServiceBot, MENU, saying, SelfServiceBot } from './selfServiceBot';

describe('authorization status (manual section 9, docs/manual-map.md)', () => {
  let bot: SelfServiceBot;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'status-'));
    bot = await createSelfServiceBot(dir);
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pages Ana Milena’s authorizations three at a time, with her pending requests on top', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.play([
      ['hola', [common.welcome, MENU]],
      ['estado de autorizaciones', [family.onlyYou('Ana'), saying(t.statusChooseView(), '1. Autorizaciones', '2. Solicitudes')]],
      [
        '1',
        [
          t.pendingSummary([t.pendingItem('AUT-2026-000005', 'Radicada', '26/11/2026'), t.pendingItem('AUT-2026-000004', 'En revisión', '20/11/2026')]),
          saying(
            'Autorizaciones (1 a 3 de 4):',
            '*Resonancia magnética de articulaciones de miembro inferior (rodilla)* (883522)\nN.º 2026004511 · Activa\nIPS: IPS Salud Caribe Centro\nExpedida: 11/09/2026 · Vence: 10/03/2027',
            'Glucosa en suero',
            'Electrocardiograma',
          ),
          saying(t.pageQuestion, '1. Ver más', '2. Buscar por servicio', '3. Terminar'),
        ],
      ],
      ['más', [saying('Autorizaciones (4 a 4 de 4):', 'Resonancia magnética de cerebro simple', 'Vencida'), saying('1. Buscar por servicio', '2. Terminar')]],
      ['terminar', [MENU]],
    ]);
  });

  /** Logged in as Ana, at "¿Qué servicio buscas?" of her authorizations. */
  async function untilFilterQuestion(): Promise<void> {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([
      ['4', [family.onlyYou('Ana'), saying(t.statusChooseView())]],
      ['autorizaciones', [saying('pendientes'), saying('(1 a 3 de 4)'), saying(t.pageFilter)]],
      ['buscar por servicio', [t.askFilter]],
    ]);
  }

  it('filters by service name or code, says when nothing matches, and shows all again', async () => {
    await untilFilterQuestion();
    await bot.play([
      ['ayuda', [t.askFilterHelp, t.askFilter]],
      ['rx', [t.askFilterRetry]],
      ['resonancia', [saying('Autorizaciones de "resonancia" (2):', '883522', '883101'), saying('1. Buscar por servicio', '2. Ver todas', '3. Terminar')]],
      ['1', [t.askFilter]],
      ['881602', [t.noAuthorizationsForFilter('881602'), saying('1. Buscar por servicio', '2. Ver todas', '3. Terminar')]],
      ['ver todas', [saying('Autorizaciones (1 a 3 de 4):'), saying(t.pageMore)]],
      ['1', [saying('(4 a 4 de 4)'), saying(t.pageFilter)]],
      ['8831', [saying(common.notUnderstoodChoice)]],
      ['buscar', [t.askFilter]],
      ['8831', [saying('Autorizaciones de "8831" (1):', 'Resonancia magnética de cerebro simple'), saying(t.pageAll)]],
    ]);
  });

  it('finds a service typed with a typo ("resonansia")', async () => {
    await untilFilterQuestion();
    await bot.play([
      ['resonansia', [saying('Autorizaciones de "resonansia" (2):', '883522', '883101'), saying('1. Buscar por servicio', '2. Ver todas', '3. Terminar')]],
    ]);
  });

  it('lists requests with justification, creation date, status and rejection reason', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([
      ['estado de autorizaciones', [family.onlyYou('Ana'), saying(t.statusChooseView())]],
      [
        'solicitudes',
        [
          saying('Solicitudes (1 a 3 de 5):', '*AUT-2026-000005* · Radicada', 'Creada: 26/11/2026', '*AUT-2026-000004* · En revisión', 'Anulada por solicitud duplicada'),
          saying('1. Ver más', '2. Terminar'),
        ],
      ],
      [
        'ver más',
        [
          saying(
            '*AUT-2026-000002* · Rechazada',
            'Servicio: Resonancia magnética de columna lumbosacra simple (883230)',
            'Creada: 02/10/2026',
            'Justificación: Se revisaron los soportes adjuntos.',
            'Motivo de rechazo: La orden médica adjunta no tiene la firma ni el registro del médico tratante.',
            '*AUT-2026-000001* · Aprobada',
          ),
          MENU,
        ],
      ],
    ]);
  });

  it('lets the head of a nucleus choose a child, and says so when someone has no authorizations', async () => {
    await bot.login(DEMO_IDS.mariaFernanda);
    await bot.say('hola');
    await bot.play([
      ['estado de autorizaciones', [saying(t.statusChooseMember, 'María Fernanda Pérez Gómez', 'Valentina Ruiz Pérez')]],
      ['ayuda', [family.chooseMemberHelp, saying(t.statusChooseMember, 'Santiago Ruiz Pérez')]],
      ['Valentina', [saying(t.statusChooseView('Valentina Ruiz Pérez'))]],
      ['autorizaciones', [saying('Autorizaciones (1):', 'Consulta de primera vez por medicina especializada'), saying('1. Buscar por servicio', '2. Terminar')]],
      ['terminar', [MENU]],
      ['estado de autorizaciones', [saying(t.statusChooseMember)]],
      ['1', [saying(t.statusChooseView())]],
      ['autorizaciones', [t.noAuthorizations(), MENU]],
      ['estado de autorizaciones', [saying(t.statusChooseMember)]],
      ['1', [saying(t.statusChooseView())]],
      ['solicitudes', [t.noRequests(), MENU]],
    ]);
  });

  it('asks to log in first, and "cancelar" mid-list goes back to the menu', async () => {
    await bot.say('hola');
    await bot.play([['estado de autorizaciones', [saying('pronto'), MENU]]]);
    await bot.login(DEMO_IDS.anaMilena);
    await bot.play([
      ['estado de autorizaciones', [family.onlyYou('Ana'), saying(t.statusChooseView())]],
      ['1', [saying('pendientes'), saying('Autorizaciones'), saying(t.pageQuestion)]],
      ['cancelar', [common.cancelled, MENU]],
    ]);
  });
});
