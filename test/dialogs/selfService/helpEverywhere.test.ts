// "ayuda" at every question of the self-service flows: the step's own help, then the same question again
// (never the generic help, never an error — a reprompt must find each child dialog in its own component).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { readable } from '../../helpers/transcript';
import { createSelfServiceBot, REAUTH_QUESTION, SelfServiceBot } from './selfServiceBot';

const PATHS: Array<{ name: string; login?: string; steps: string[] }> = [
  { name: 'authorization status', login: DEMO_IDS.mariaFernanda, steps: ['estado de autorizaciones', 'Valentina', 'autorizaciones', 'buscar'] },
  { name: 'requests', login: DEMO_IDS.anaMilena, steps: ['estado de autorizaciones', 'solicitudes'] },
  { name: 'paging and filtering', login: DEMO_IDS.anaMilena, steps: ['estado de autorizaciones', 'autorizaciones', 'más', 'buscar', 'resonancia', 'buscar', 'tomografia'] },
  { name: 'certificates', login: DEMO_IDS.mariaFernanda, steps: ['certificados', 'afiliación'] },
  { name: 'basic data', login: DEMO_IDS.anaMilena, steps: ['actualizar mis datos', 'actualizar', 'celular', '3157654321', 'municipio', 'barranquila', '1', 'guardar', 'sí'] },
  { name: 'PQRDS status', steps: ['pqrds', 'consultar', 'cédula', '1045678904', 'PQR-2026-000999', 'intentar de nuevo', 'CC 1045678904'] },
  { name: 'PQRDS filing', steps: ['pqrds', 'radicar', 'queja', 'no afecta mi salud', 'CC 1045678901', 'La IPS no me entregó los resultados de laboratorio.', 'no'] },
];

describe('ayuda at every self-service question', () => {
  let bot: SelfServiceBot;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'help-'));
    bot = await createSelfServiceBot(dir);
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(PATHS)('$name', async ({ login, steps }) => {
    if (login) await bot.login(login);
    await bot.say('hola');
    for (const step of steps) {
      const question = (await bot.say(step)).at(-1)!;
      if (question.text === REAUTH_QUESTION) break; // the stand-in for identity's dialog has no help of its own
      const replies = await bot.say('ayuda');
      const shown = replies.map(readable).join('\n---\n');
      expect(replies.map((r) => r.text), `after "${step}": ${shown}`).not.toContain(common.turnError);
      expect(replies[0].text, `after "${step}"`).not.toBe(common.helpGeneral);
      expect(readable(replies.at(-1)!), `after "${step}"`).toBe(readable(question));
    }
  });
});
