import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorizations as t, common } from '../../../dialogs/messages';
import { FILING_NUMBER_PATTERN } from '../../../src/domain/model';
import { javascriptPdf, jpegBytes, largePdf, oversizePdf, smallPdf, textFileBytes, truncatedPdf, encryptedPdf, MIB } from '../../helpers/pdfCorpus';
import { animatedGif, onePixelPng, phonePhoto, photoAs, pngBomb, truncatedJpeg } from '../../helpers/photos';
import { readable } from '../../helpers/transcript';
import { sha256 } from '../../services/authorizationRequests/filingWorld';
import { ASK_OBSERVATION, ASK_SUPPORTS, CONTACT_RE, DEMO_IDS, SKIP_CONTACT, LOGGED_MENU_RE, MEMBERS_RE, OBSERVATION, requestWorld } from './requestWorld';

const SUMMARY_RE = /Revisa tu solicitud:[\s\S]*Para: Valentina Ruiz Pérez[\s\S]*Municipio: Barranquilla \(Atlántico\)[\s\S]*Lo que necesitas: Resonancia magnética[\s\S]*Soportes \(1\): orden-medica\.pdf/;
const CONFIRM_RE = /¿Enviamos la solicitud\?\n1\. Enviar solicitud\n2\. Cambiar el municipio\n3\. Cambiar lo que necesitas\n4\. Cambiar los soportes/;

describe('request an authorization: the whole flow', () => {
  it('files for a family member with a PDF: number, due date, the manual note, SMS and e-mail, the file kept', async () => {
    const w = await requestWorld();
    const pdf = await smallPdf();
    await w.reachSupports();
    await w.h.play([
      ['listo', [t.supportsNeedOne]],
      [await w.file(jpegBytes(), 'foto-orden.jpg', 'image/jpeg'), [t.supportRefused('foto-orden.jpg', t.supportProblem.image_too_small)]],
      [await w.file(pdf, 'orden-medica.pdf'), [t.supportAccepted('orden-medica.pdf', 1)]],
      ['listo', [SUMMARY_RE, t.privacyNote, CONFIRM_RE]],
    ]);
    const replies = await w.h.say('Enviar solicitud');
    expect(replies).toHaveLength(3);
    const [filedText] = replies.map((r) => r.text ?? '');
    const number = /AUT-\d{4}-\d{6}/.exec(filedText)?.[0] ?? '';
    expect(number).toMatch(FILING_NUMBER_PATTERN);
    expect(filedText).toBe(t.filed(number, 'martes 1 de diciembre de 2026', 'viernes 4 de diciembre de 2026'));
    // Valentina has no mobile or e-mail: the notices go to her mother's.
    expect(replies[1].text).toBe(t.notified(['sms', 'email']));
    expect(readable(replies[2])).toMatch(LOGGED_MENU_RE);

    const request = await w.repos.authorizationRequests.findByFilingNumber(number);
    expect(request).toMatchObject({ affiliateId: DEMO_IDS.valentina, municipalityCode: '08001', observation: OBSERVATION, dueDate: '2026-12-04' });
    const [attachment] = await w.repos.authorizationRequests.listAttachments(request!.id);
    expect(attachment).toMatchObject({ originalName: 'orden-medica.pdf', sizeBytes: pdf.length, sha256: sha256(pdf) });
    expect(sha256(await readFile(path.join(w.uploadDir, attachment.storedName)))).toBe(sha256(pdf));
    const [sms] = await w.repos.outbox.list({ kind: 'sms', recipient: '3001112233' });
    expect(sms.body).toContain(number);
    expect(await w.repos.outbox.list({ kind: 'email', recipient: 'mafe.perez@example.com' })).toHaveLength(1);
  });

  it('a double tap on "Enviar solicitud" files one request', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      [await w.file(await smallPdf(), 'orden-medica.pdf'), [t.supportAccepted('orden-medica.pdf', 1)]],
      ['listo', [SUMMARY_RE, t.privacyNote, CONFIRM_RE]],
    ]);
    const before = (await w.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).length;
    // Both taps reach the bot before either turn saved its state: both see the confirmation step.
    w.h.adapter.activeQueue.splice(0);
    await Promise.all([
      w.h.adapter.receiveActivity({ type: 'message', text: 'Enviar solicitud' }),
      w.h.adapter.receiveActivity({ type: 'message', text: 'Enviar solicitud' }),
    ]);
    const texts = w.h.adapter.activeQueue.splice(0).map((a) => a.text ?? '');
    const numbers = texts.map((x) => /AUT-\d{4}-\d{6}/.exec(x)?.[0]).filter(Boolean);
    expect(numbers).toHaveLength(2);
    expect(numbers[0]).toBe(numbers[1]);
    expect(await w.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).toHaveLength(before + 1);
    expect(await w.repos.outbox.list({ kind: 'sms', recipient: '3001112233' })).toHaveLength(1);
    expect(await w.uploadedFiles()).toHaveLength(1);
  });

  it('corrections from the summary keep every other answer', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      [await w.file(await smallPdf(), 'orden-medica.pdf'), [t.supportAccepted('orden-medica.pdf', 1)]],
      ['listo', [SUMMARY_RE, t.privacyNote, CONFIRM_RE]],
      ['3', [ASK_OBSERVATION]],
      ['Consulta con dermatología por lesión en la espalda.', [/Lo que necesitas: Consulta con dermatología[\s\S]*Soportes \(1\): orden-medica\.pdf/, t.privacyNote, CONFIRM_RE]],
      ['cambiar el municipio', [t.askMunicipality]],
      ['sta marta', [t.placeChosen('Santa Marta', 'Magdalena'), /Municipio: Santa Marta \(Magdalena\)[\s\S]*Consulta con dermatología/, t.privacyNote, CONFIRM_RE]],
      ['4', [ASK_SUPPORTS]],
      [await w.file(await smallPdf(), 'historia.pdf'), [t.supportAccepted('historia.pdf', 1)]],
      ['listo', [/Municipio: Santa Marta[\s\S]*Soportes \(1\): historia\.pdf/, t.privacyNote, CONFIRM_RE]],
      ['1', [/AUT-\d{4}-\d{6}/, t.notified(['sms', 'email']), LOGGED_MENU_RE]],
    ]);
    const [latest] = await w.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina);
    expect(latest).toMatchObject({ municipalityCode: '47001', departmentCode: '47', observation: 'Consulta con dermatología por lesión en la espalda.' });
  });
});

describe('request an authorization: supports refused with a reason, then asked again', () => {
  it.each([
    ['a text file', () => Promise.resolve(textFileBytes()), 'nota.pdf', 'application/pdf', t.supportProblem.not_pdf],
    ['an 8×8 JPG', () => Promise.resolve(jpegBytes()), 'foto.jpg', 'image/jpeg', t.supportProblem.image_too_small],
    ['a 1×1 PNG', onePixelPng, 'punto.png', 'image/png', t.supportProblem.image_too_small],
    ['a 50,000×50,000 PNG bomb', () => Promise.resolve(pngBomb()), 'orden.png', 'image/png', t.supportProblem.image_too_large],
    ['a truncated JPEG', truncatedJpeg, 'cortada.jpg', 'image/jpeg', t.supportProblem.image_damaged],
    ['an animated GIF', animatedGif, 'animada.gif', 'image/gif', t.supportProblem.image_animated],
    ['an encrypted PDF', () => Promise.resolve(encryptedPdf()), 'clave.pdf', 'application/pdf', t.supportProblem.encrypted],
    ['a PDF with JavaScript', javascriptPdf, 'factura.pdf', 'application/pdf', t.supportProblem.active_content],
    ['a truncated PDF', truncatedPdf, 'cortado.pdf', 'application/pdf', t.supportProblem.damaged],
  ])('%s', async (_label, bytes, name, type, reason) => {
    const w = await requestWorld();
    await w.reachSupports();
    const bad = await w.file(await bytes(), name, type);
    await w.h.play([
      [bad, [t.supportRefused(name, reason)]],
      ['listo', [t.supportsNeedOne]],
      [await w.file(await smallPdf(), 'orden.pdf'), [t.supportAccepted('orden.pdf', 1)]],
      ['listo', [/Revisa tu solicitud:[\s\S]*Soportes \(1\): orden\.pdf/, t.privacyNote, CONFIRM_RE]],
    ]);
    // The refused file does not linger in the staging area.
    const stagedId = bad.attachments![0].contentUrl!.slice('staged:'.length);
    expect(await w.staged.stat(stagedId)).toBeUndefined();
  });

  it('a 16 MB file from a channel that staged it is refused as too big; 14.9 MB is accepted', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      [await w.file(await oversizePdf(), 'grande.pdf', 'application/pdf', 32 * MIB), [t.supportRefused('grande.pdf', t.supportProblem.too_large)]],
      [await w.file(await largePdf(), 'historia.pdf'), [t.supportAccepted('historia.pdf', 1)]],
    ]);
  });

  it('a file the channel refused while streaming (too big) gets a kind reason and the question again', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([[{ text: '', channelData: { unsupportedContent: 'file_too_large' } }, [common.fileTooLarge, ASK_SUPPORTS]]]);
  });

  it('text that is not "listo" says how to send the file', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      ['te lo mando mañana', [t.supportsWaiting]],
      ['ayuda', [t.supportsHelp(15), ASK_SUPPORTS]],
    ]);
  });
});

describe('request an authorization: photos become PDF supports', () => {
  it('a photo is converted and said so; two photos in a row: asked, and joined into one PDF of 2 pages', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      [await w.file(await phonePhoto(), 'orden-1.jpg', 'image/jpeg'), [t.photoAccepted(1)]],
      [await w.file(await photoAs('png'), 'orden-2.png', 'image/png'), [t.photoAccepted(2)]],
      ['listo', [/Recibí 2 fotos seguidas\. ¿Son páginas del mismo documento\?\n1\. Sí, un PDF de 2 páginas\n2\. No, son documentos distintos/]],
      ['si', [t.photosJoined(2), /Soportes \(1\): orden-1\.pdf/, t.privacyNote, CONFIRM_RE]],
    ]);
    const replies = await w.h.say('Enviar solicitud');
    const number = /AUT-\d{4}-\d{6}/.exec(replies[0].text ?? '')![0];
    const request = await w.repos.authorizationRequests.findByFilingNumber(number);
    const [attachment, ...others] = await w.repos.authorizationRequests.listAttachments(request!.id);
    expect(others).toEqual([]);
    expect(attachment.originalName).toBe('orden-1.pdf');
    const kept = await readFile(path.join(w.uploadDir, attachment.storedName));
    expect(kept.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(attachment).toMatchObject({ sizeBytes: kept.length, sha256: sha256(kept) });
    expect((kept.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(2);
  });

  it('photos of different documents stay apart when the user says so; a PDF between photos breaks the run', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      [await w.file(await phonePhoto(), 'a.jpg', 'image/jpeg'), [t.photoAccepted(1)]],
      [await w.file(await smallPdf(), 'orden-medica.pdf'), [t.supportAccepted('orden-medica.pdf', 2)]],
      [await w.file(await photoAs('webp'), 'b.webp', 'image/webp'), [t.photoAccepted(3)]],
      [await w.file(await photoAs('png'), 'c.png', 'image/png'), [t.photoAccepted(4)]],
      ['listo', [/Recibí 2 fotos seguidas/]],
      ['no', [/Soportes \(4\): a\.pdf, orden-medica\.pdf, b\.pdf, c\.pdf/, t.privacyNote, CONFIRM_RE]],
    ]);
  });

  it('the same-document question explains itself on "ayuda" and asks again on an unclear answer', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    await w.h.play([
      [await w.file(await phonePhoto(), 'a.jpg', 'image/jpeg'), [t.photoAccepted(1)]],
      [await w.file(await phonePhoto(), 'b.jpg', 'image/jpeg'), [t.photoAccepted(2)]],
      ['listo', [/Recibí 2 fotos seguidas/]],
      ['ayuda', [t.samePhotosHelp, /Recibí 2 fotos seguidas/]],
      ['quizás', [/No entendí[\s\S]*Recibí 2 fotos seguidas/]],
      ['2', [/Soportes \(2\): a\.pdf, b\.pdf/, t.privacyNote, CONFIRM_RE]],
    ]);
  });
});

describe('request an authorization: place and observation', () => {
  it('a municipality that does not exist is explained and asked again; a typo offers a short list', async () => {
    const w = await requestWorld();
    await w.h.play([
      ['Solicitar autorización', [t.intro, MEMBERS_RE]],
      ['3', [t.requestFor('Valentina Ruiz Pérez'), CONTACT_RE]],
      [SKIP_CONTACT, [t.placeProposed('Barranquilla', 'Atlántico')]],
      ['no', [t.askMunicipality]],
      ['Springfield', [t.municipalityNotFound, t.askMunicipality]],
      ['barranquila', [/Encontré estos municipios[\s\S]*1\. Barranquilla \(Atlántico\)[\s\S]*Otro, escribirlo de nuevo/]],
      ['1', [t.placeChosen('Barranquilla', 'Atlántico'), ASK_OBSERVATION]],
    ]);
  });

  it('"bogota" is taken at once; "Otro" from a list asks again', async () => {
    const w = await requestWorld();
    await w.h.play([
      ['Solicitar autorización', [t.intro, MEMBERS_RE]],
      ['3', [t.requestFor('Valentina Ruiz Pérez'), CONTACT_RE]],
      [SKIP_CONTACT, [t.placeProposed('Barranquilla', 'Atlántico')]],
      ['2', [t.askMunicipality]],
      ['villanueva', [/Encontré estos municipios[\s\S]*Villanueva \(Casanare\)[\s\S]*Otro, escribirlo de nuevo/]],
      ['otro', [t.askMunicipality]],
      ['bogota', [t.placeChosen('Bogotá, D.C.', 'Bogotá, D.C.'), ASK_OBSERVATION]],
    ]);
  });

  it.each(['Soledad', 'no, es Soledad', 'vivo en soledad'])('"%s" at "¿El municipio es Barranquilla?" means "No, es otro: Soledad"', async (said) => {
    const w = await requestWorld();
    await w.h.play([
      ['Solicitar autorización', [t.intro, MEMBERS_RE]],
      ['3', [t.requestFor('Valentina Ruiz Pérez'), CONTACT_RE]],
      [SKIP_CONTACT, [t.placeProposed('Barranquilla', 'Atlántico')]],
      [said, [t.placeChosen('Soledad', 'Atlántico'), ASK_OBSERVATION]],
    ]);
  });

  it('an observation too short or too long says why and keeps the question', async () => {
    const w = await requestWorld();
    await w.h.play([
      ['Solicitar autorización', [t.intro, MEMBERS_RE]],
      ['3', [t.requestFor('Valentina Ruiz Pérez'), CONTACT_RE]],
      [SKIP_CONTACT, [t.placeProposed('Barranquilla', 'Atlántico')]],
      ['si', [ASK_OBSERVATION]],
      ['examen', [t.observationTooShort(10, 6), ASK_OBSERVATION]],
      ['x'.repeat(1001), [t.observationTooLong(1000, 1001), ASK_OBSERVATION]],
      ['ayuda', [t.observationHelp, ASK_OBSERVATION]],
      [OBSERVATION, [ASK_SUPPORTS]],
    ]);
  });
});

describe('request an authorization: cancelar at each step', () => {
  // [step, answers that reach it, what the bot last asked there]
  const steps: [string, string[], RegExp | string][] = [
    ['the family member', [], MEMBERS_RE],
    ['the contact data', ['3'], CONTACT_RE],
    ['the contact update', ['3', '1'], /Escribe el celular/],
    ['the municipality proposal', ['3', SKIP_CONTACT], t.placeProposed('Barranquilla', 'Atlántico')],
    ['the typed municipality', ['3', SKIP_CONTACT, 'no'], t.askMunicipality],
    ['the municipality list', ['3', SKIP_CONTACT, 'no', 'barranquila'], /Encontré estos municipios/],
    ['the observation', ['3', SKIP_CONTACT, 'si'], ASK_OBSERVATION],
    ['the supports', ['3', SKIP_CONTACT, 'si', OBSERVATION], ASK_SUPPORTS],
    ['the supports, with one received', ['3', SKIP_CONTACT, 'si', OBSERVATION, 'FILE'], t.supportAccepted('orden.pdf', 1)],
    ['the summary', ['3', SKIP_CONTACT, 'si', OBSERVATION, 'FILE', 'listo'], CONFIRM_RE],
  ];
  it.each(steps)('cancelar at %s returns to the menu and files nothing', async (_label, answers, lastAsked) => {
    const w = await requestWorld();
    const before = (await w.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).length;
    let last = await w.h.say('Solicitar autorización');
    const stagedIds: string[] = [];
    for (const answer of answers) {
      const turn = answer === 'FILE' ? await w.file(await smallPdf(), 'orden.pdf') : answer;
      if (typeof turn !== 'string') stagedIds.push(turn.attachments![0].contentUrl!.slice('staged:'.length));
      last = await w.h.say(turn);
    }
    const asked = last[last.length - 1];
    if (typeof lastAsked === 'string') expect(asked.text).toBe(lastAsked);
    else expect(readable(asked)).toMatch(lastAsked);
    await w.h.play([['cancelar', [common.cancelled, LOGGED_MENU_RE]]]);
    expect(await w.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).toHaveLength(before);
    expect(await w.repos.outbox.list({ kind: 'sms' })).toHaveLength(0);
    // Supports already received do not stay behind in the staging area.
    for (const id of stagedIds) expect(await w.staged.stat(id)).toBeUndefined();
  });

  it('menú while collecting supports also clears the staged files', async () => {
    const w = await requestWorld();
    await w.reachSupports();
    const pdf = await w.file(await smallPdf(), 'orden.pdf');
    await w.h.play([
      [pdf, [t.supportAccepted('orden.pdf', 1)]],
      ['menú', [LOGGED_MENU_RE]],
    ]);
    expect(await w.staged.stat(pdf.attachments![0].contentUrl!.slice('staged:'.length))).toBeUndefined();
  });
});
