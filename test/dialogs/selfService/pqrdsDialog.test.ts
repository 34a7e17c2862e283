import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages';
import { authorizations } from '../../../dialogs/messages/authorizations';
import { identity } from '../../../dialogs/messages/identity';
import { selfService as t } from '../../../dialogs/messages/selfService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { createSelfServiceBot, MENU, saying, SelfServiceBot } from './selfServiceBot';
import { phonePhoto } from '../../helpers/photos';

const ANA_123 = t.pqrdsStatus({
  code: 'PQR-2026-000123',
  type: 'Reclamo',
  status: 'En trámite',
  filed: '18/11/2026',
  due: 'jueves 10 de diciembre de 2026',
});

describe('PQRDS status without login (manual section 11, docs/manual-map.md)', () => {
  let bot: SelfServiceBot;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pqrds-'));
    bot = await createSelfServiceBot(dir);
    await bot.say('hola');
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks document type, number and code, and shows only status and dates', async () => {
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion, '1. Consultar el estado', '2. Radicar una PQRDS')]],
      ['1', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion, '1. Cédula de ciudadanía')]],
      ['cédula', [identity.documentNumberQuestion('Cédula de ciudadanía')]],
      ['1.045.678.904', [t.pqrdsCodeQuestion]],
      ['ayuda', [t.pqrdsCodeHelp, t.pqrdsCodeQuestion]],
      ['123', [`${t.pqrdsCodeRetry}\n${t.pqrdsCodeQuestion}`]],
      ['pqr 2026 123', [ANA_123, MENU]],
    ]);
    expect(ANA_123).not.toMatch(/demora|ortopedia/); // the description stays private
  });

  it('a logged-in person is not asked their own document', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['consultar', [t.pqrdsStatusIntro, t.pqrdsCodeQuestion]],
      ['PQR-2026-000123', [ANA_123, () => true]],
    ]);
  });

  it('shows the answer of an answered PQRDS', async () => {
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['consultar', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion)]],
      ['CC 1045678904', [t.pqrdsCodeQuestion]],
      ['PQR-2026-000098', [saying('Estado: Respondida', 'Respondida: 06/08/2026', 'Respuesta: Te enviamos el certificado'), MENU]],
    ]);
  });

  it('answers the same for an unknown code and for a code of someone else’s document, and stops after three misses', async () => {
    const notFound = [t.pqrdsNotFound, saying(t.pqrdsRetryQuestion, '1. Intentar de nuevo', '2. Volver al menú')];
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['1', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion)]],
      ['CC 1045678901', [t.pqrdsCodeQuestion]],
      ['PQR-2026-000123', notFound], // María's document, Ana's code
      ['intentar de nuevo', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion)]],
      ['CC 1045678904', [t.pqrdsCodeQuestion]],
      ['PQR-2026-000999', notFound], // unknown code
      ['1', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion)]],
      ['CC 1045678904', [t.pqrdsCodeQuestion]],
      ['PQR-2026-000124', [`${t.pqrdsNotFound}\n${t.pqrdsTooManyAttempts}`, MENU]],
    ]);
  });

  it('"volver al menú" after a miss goes back to the menu', async () => {
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['1', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion)]],
      ['TI 1098765432', [t.pqrdsCodeQuestion]],
      ['PQR-2026-000123', [t.pqrdsNotFound, saying(t.pqrdsRetryQuestion)]],
      ['volver al menú', [MENU]],
    ]);
  });
});

describe('filing a PQRDS in chat', () => {
  let bot: SelfServiceBot;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pqrds-'));
    bot = await createSelfServiceBot(dir);
    await bot.say('hola');
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  const description = 'En la IPS me dijeron que no había citas de ortopedia hasta marzo, aunque tengo la autorización vigente.';

  it('without login: type, health risk, document, description, no PDF, summary, code and due date', async () => {
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['radicar', [saying(t.pqrdsTypeQuestion, '1. Petición', '2. Queja', '3. Reclamo', '4. Denuncia', '5. Sugerencia')]],
      ['ayuda', [t.pqrdsTypeHelp, saying(t.pqrdsTypeQuestion)]],
      ['reclamo', [saying(t.pqrdsRiskQuestion, '1. Sí, mi vida corre peligro', '4. No afecta mi salud')]],
      ['4', [t.pqrdsPetitionerIntro, saying(identity.documentTypeQuestion)]],
      ['cédula', [identity.documentNumberQuestion('Cédula de ciudadanía')]],
      ['1045678901', [t.pqrdsDescriptionQuestion('Reclamo')]],
      ['no me atienden', [`${t.pqrdsDescriptionTooShort(20)}\n${t.pqrdsDescriptionQuestion('Reclamo')}`]],
      [description, [t.pqrdsAskSupport(15)]],
      ['hola', [t.pqrdsSupportWaiting]],
      ['no', [saying('Vamos a radicar esto:', '• Tipo: Reclamo', '• Afecta la salud: No afecta mi salud', '• Documento: CC ******8901', description, '• Soporte: Sin soporte', '1. Sí, radicar', '2. No')]],
      [
        'sí',
        [
          t.pqrdsFiled({ type: 'Reclamo', code: 'PQR-2026-000124', due: 'lunes 21 de diciembre de 2026' }),
          MENU,
        ],
      ],
    ]);
    // The petitioner can follow it with the same document and the code.
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['1', [t.pqrdsStatusIntro, saying(identity.documentTypeQuestion)]],
      ['CC 1045678901', [t.pqrdsCodeQuestion]],
      ['PQR-2026-000124', [saying('*PQR-2026-000124* · Reclamo', 'Estado: Radicada', 'Creada: 27/11/2026', 'lunes 21 de diciembre de 2026'), MENU]],
    ]);
  });

  it('logged in: uses her document, takes one PDF (refusing a bad one with its reason) and answers vital risk in 24 hours', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    const bad = await bot.staged.put(Buffer.from('%PDF-1.7 locked'));
    const good = await bot.staged.put(Buffer.from('%PDF-1.7 fine'));
    bot.nextSupportVerdict = { ok: false, problem: 'encrypted' };
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['2', [saying(t.pqrdsTypeQuestion)]],
      ['queja', [saying(t.pqrdsRiskQuestion)]],
      ['mi vida corre peligro', [t.pqrdsDescriptionQuestion('Queja')]],
      ['No me entregan la insulina autorizada y se me acabó ayer.', [t.pqrdsAskSupport(15)]],
      [{ attachments: [{ contentType: 'application/pdf', name: 'formula.pdf', contentUrl: `staged:${bad.id}` }] }, [t.pqrdsSupportRefused('formula.pdf', authorizations.supportProblem.encrypted)]],
    ]);
    expect(await bot.staged.stat(bad.id)).toBeUndefined(); // a refused file is not kept
    // A file the channel refused while streaming (too big) gets the question again.
    await bot.play([
      [{ text: '', channelData: { unsupportedContent: 'file_too_large' } }, [common.fileTooLarge, t.pqrdsAskSupport(15)]],
      ['ayuda', [t.pqrdsSupportHelp(15), t.pqrdsAskSupport(15)]],
    ]);
    bot.nextSupportVerdict = { ok: true, size: 13, sha256: good.sha256 };
    await bot.play([
      [{ attachments: [{ contentType: 'application/pdf', name: 'formula-2.pdf', contentUrl: `staged:${good.id}` }] }, [t.pqrdsSupportAccepted('formula-2.pdf'), saying('• Afecta la salud: Sí, mi vida corre peligro', '• Documento: CC ******8904', '• Soporte: formula-2.pdf')]],
      ['1', [t.pqrdsFiled({ type: 'Queja', code: 'PQR-2026-000124', due: 'sábado 28 de noviembre de 2026 a las 10:00 a. m.', hours: 24 }), MENU]],
    ]);
    const row = await bot.f.knex('pqrds').where({ code: 'PQR-2026-000124' }).first();
    expect(row).toMatchObject({ petitioner_document_number: '1045678904', type: 'queja' });
    expect(await bot.f.pqrdsAttachments.listByPqrds(String(row.id))).toMatchObject([{ originalName: 'formula-2.pdf' }]);
    expect(bot.supportChecks).toEqual([bad.id, good.id, good.id]); // checked on arrival and again at filing
  });

  it('takes a photo as the support: converted to a one-page PDF, said so, filed as that PDF', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    const photo = await bot.staged.put(await phonePhoto(), { declaredName: 'formula.jpg' });
    bot.nextSupportVerdict = { ok: true, size: 1, sha256: 'a'.repeat(64) };
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['2', [saying(t.pqrdsTypeQuestion)]],
      ['queja', [saying(t.pqrdsRiskQuestion)]],
      ['no', [t.pqrdsDescriptionQuestion('Queja')]],
      ['No me entregan la insulina autorizada desde hace una semana.', [t.pqrdsAskSupport(15)]],
      [{ attachments: [{ contentType: 'image/jpeg', name: 'formula.jpg', contentUrl: `staged:${photo.id}` }] }, [t.pqrdsPhotoAccepted, saying('• Soporte: formula.pdf')]],
    ]);
    // The check saw the PDF made from the photo, staged in the photo's place.
    expect(bot.supportChecks).toEqual([photo.id]);
    expect((await bot.staged.read(photo.id)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('files nothing when the summary is declined, or on "cancelar"', async () => {
    await bot.login(DEMO_IDS.anaMilena);
    await bot.play([
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['2', [saying(t.pqrdsTypeQuestion)]],
      ['sugerencia', [t.pqrdsDescriptionQuestion('Sugerencia')]],
      ['Sería bueno poder pedir las citas por WhatsApp también.', [t.pqrdsAskSupport(15)]],
      ['no', [saying('• Tipo: Sugerencia', '• Soporte: Sin soporte')]],
      ['no', [t.pqrdsDiscarded, MENU]],
      ['pqrds', [saying(t.pqrdsQuestion)]],
      ['2', [saying(t.pqrdsTypeQuestion)]],
      ['petición', [t.pqrdsDescriptionQuestion('Petición')]],
      ['cancelar', [common.cancelled, MENU]],
    ]);
    expect(await bot.f.knex('pqrds').where('code', '>', 'PQR-2026-000123').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
