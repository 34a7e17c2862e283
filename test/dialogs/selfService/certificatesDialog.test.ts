import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common, family, understanding } from '../../../dialogs/messages';
import { selfService as t } from '../../../dialogs/messages/selfService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { pdfText } from '../../helpers/pdfText';
import { PUBLIC_URL, testCode } from '../../services/selfService/selfServiceWorld';
import { createSelfServiceBot, MENU, saying, SelfServiceBot } from './selfServiceBot';

function pdfOf(activity: Partial<Activity>): Buffer {
  const [attachment] = activity.attachments ?? [];
  expect(attachment).toMatchObject({ contentType: 'application/pdf' });
  const url = String(attachment.contentUrl);
  expect(url.startsWith('data:application/pdf;base64,')).toBe(true);
  return Buffer.from(url.slice('data:application/pdf;base64,'.length), 'base64');
}

describe('certificates and assigned IPS (manual section 10, docs/manual-map.md)', () => {
  let bot: SelfServiceBot;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cert-'));
    bot = await createSelfServiceBot(dir);
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('offers the certificates as a numbered list and sends the affiliation certificate as a PDF file', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([['certificados', [saying(t.certificateQuestion, '1. Certificado de afiliación', '2. Certificado de núcleo familiar')]]]);
    await bot.play([['ayuda', [t.certificateHelp, saying(t.certificateQuestion)]]]);
    const replies = await bot.say('1');
    expect(replies.map((r) => r.text)).toEqual([
      family.onlyYou('Ana'),
      t.certificateReady('certificado de afiliación', testCode(0), `${PUBLIC_URL}/certificados/${testCode(0)}`),
      expect.stringMatching(/Qué quieres hacer/),
    ]);
    expect(replies[1].attachments?.[0].name).toBe('certificado-afiliacion.pdf');
    const pdf = pdfOf(replies[1]);
    const { text } = await pdfText(pdf);
    expect(text).toContain('CERTIFICADO DE AFILIACIÓN');
    expect(text).toContain('ANA MILENA ROJAS CASTRO');
    expect(text).toContain(testCode(0));
    // What the chat delivered is exactly what the verification record vouches for.
    const record = await bot.f.certificateRepo.findByCode(testCode(0));
    expect(record?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('an unsure answer inside the task gets "¿Quisiste decir…?" with the two guesses, not the whole question again', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([
      ['certificados', [saying(t.certificateQuestion)]],
      ['sertificado', [saying(understanding.didYouMean, '1. Certificado de afiliación', '2. Certificado de núcleo familiar', '3. Ninguna de estas')]],
      ['3', [saying(t.certificateQuestion, '1. Certificado de afiliación')]],
      ['sertificado', [saying(understanding.didYouMean)]],
      // The number answers the guesses just offered.
      ['2', [(a) => a.attachments?.[0]?.name === 'certificado-nucleo-familiar.pdf', MENU]],
    ]);
  });

  it('lets the head of the nucleus pick a child for the affiliation certificate, or get the nucleus one', async () => {
    await bot.login(DEMO_IDS.mariaFernanda);
    await bot.say('hola');
    await bot.play([
      ['certificados', [saying(t.certificateQuestion)]],
      ['afiliación', [saying(t.certificateChooseMember, 'Valentina Ruiz Pérez')]],
      ['quiero una pizza', [saying(family.chooseMemberRetry, t.certificateChooseMember)]],
      ['Santiago', [(a) => a.text === t.certificateReady('certificado de afiliación de Santiago Ruiz Pérez', testCode(0), `${PUBLIC_URL}/certificados/${testCode(0)}`) && a.attachments?.length === 1, MENU]],
      ['certificados', [saying(t.certificateQuestion)]],
      ['núcleo familiar', [(a) => a.attachments?.[0]?.name === 'certificado-nucleo-familiar.pdf' && a.text!.startsWith('Listo, aquí está tu certificado de núcleo familiar'), MENU]],
    ]);
  });

  it('shows the assigned IPS with how to get there, or says there is none', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([
      [
        'mi ips',
        [
          t.ipsCard(
            {
              name: 'Centro Médico Familiar El Prado',
              address: 'Carrera 54 # 64-15, barrio El Prado',
              municipality: 'Barranquilla (Atlántico)',
              phone: '(605) 385 0102',
              directions: 'Frente al parque del barrio El Prado; rutas de Transmetro hasta la estación Carrera 54. Lunes a sábado de 6:30 a. m. a 6:00 p. m.',
            },
            t.ipsWhoseOwn,
          ),
          MENU,
        ],
      ],
    ]);
    await bot.f.knex('affiliates').where({ id: DEMO_IDS.anaMilena }).update({ ips_code: null });
    await bot.play([['7', [t.noIps, MENU]]]);
  });

  it('cancelar while choosing a certificate sends nothing', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.say('hola');
    await bot.play([
      ['certificados', [saying(t.certificateQuestion)]],
      ['cancelar', [common.cancelled, MENU]],
    ]);
    expect(await bot.f.knex('certificates').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
