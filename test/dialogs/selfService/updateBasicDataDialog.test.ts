import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common, contactData, family } from '../../../dialogs/messages';
import { authorizations } from '../../../dialogs/messages/authorizations';
import { selfService as t } from '../../../dialogs/messages/selfService';
import { DEMO_IDS, DEMO_PASSWORD } from '../../../src/storage/seeds';
import { createSelfServiceBot, MENU, REAUTH_QUESTION, saying, SelfServiceBot } from './selfServiceBot';

const FIELD_MENU = saying(t.fieldMenuQuestion([]), '1. Celular', '2. Correo electrónico', '3. Dirección', '4. Municipio');
const withPending = (...lines: string[]) => saying(t.fieldMenuQuestion(lines), '5. Guardar cambios');

describe('basic data update (manual section 10, docs/manual-map.md)', () => {
  let bot: SelfServiceBot;
  let dir: string;
  const ana = DEMO_IDS.anaMilena;
  const anaRow = async () => bot.f.knex('affiliates').where({ id: ana }).first();
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'data-'));
    bot = await createSelfServiceBot(dir);
    await bot.login(ana);
    await bot.say('hola');
  });
  afterEach(async () => {
    await bot.close();
    await rm(dir, { recursive: true, force: true });
  });

  const shownData = t.basicDataShown(undefined, {
    document: 'CC 1045678904',
    birthDate: '02/10/1993',
    mobile: '3001112236',
    email: 'ana.rojas@example.com',
    address: 'Calle 72 # 41-30, apartamento 302',
    municipality: 'Barranquilla (Atlántico)',
  });

  it('shows the data with required fields marked (*) and records "mis datos están actualizados"', async () => {
    await bot.play([
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData, t.basicDataQuestion, '1. Mis datos están actualizados', '2. Actualizar mis datos')]],
      ['ayuda', [t.basicDataHelp, saying(shownData)]],
      ['mis datos están actualizados', [t.basicDataConfirmed, MENU]],
    ]);
    expect(shownData).toContain('• Celular (*): 3001112236');
    expect(await bot.f.repos.consents.latest(ana, 'data_confirmation')).toMatchObject({ channel: 'test', acceptedAt: bot.f.clock.now() });
  });

  it('with no e-mail registered, offers to add it instead of asking to confirm "(ninguno)" as correct', async () => {
    await bot.f.knex('affiliates').where({ id: ana }).update({ email: null });
    const [, shown] = await bot.say('actualizar mis datos');
    expect(shown.text).toContain('• Correo electrónico: (ninguno)');
    expect(shown.text).toContain(t.basicDataMissing(true, { mobile: '3001112236' }));
    expect(shown.text).not.toContain(t.basicDataQuestion);
    await bot.play([
      ['ayuda', [t.basicDataMissingHelp, saying('No tienes correo registrado. ¿Quieres agregarlo ahora?', '1. Sí, agregar', '2. No, así están bien')]],
      ['si', [FIELD_MENU]],
      ['cancelar', [common.cancelled, MENU]],
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(t.basicDataMissing(true, { mobile: '3001112236' }))]],
      ['no', [t.basicDataConfirmed, MENU]],
    ]);
  });

  it('updates address and municipality field by field, with reasons for bad values, without asking the password', async () => {
    await bot.play([
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData)]],
      ['2', [FIELD_MENU]],
      ['ayuda', [t.fieldMenuHelp, FIELD_MENU]],
      ['dirección', [t.askField.address]],
      ['borrar', [`${t.basicDataReason('required')}\n${t.askField.address}`]],
      ['cll', [`${contactData.invalidAddress.too_short}\n${t.askField.address}`]],
      ['Calle 18 # 21-09, Soledad centro', [withPending('Dirección (*): Calle 18 # 21-09, Soledad centro')]],
      ['municipio', [authorizations.askMunicipality]],
      ['soledad atlantico', [authorizations.placeChosen('Soledad', 'Atlántico'), withPending('Dirección (*): Calle 18 # 21-09, Soledad centro', 'Municipio (*): Soledad (Atlántico)')]],
      ['guardar cambios', [saying('Así quedarían tus datos:', '• Dirección (*): Calle 18 # 21-09, Soledad centro', '• Municipio (*): Soledad (Atlántico)', '• Celular (*): 3001112236', '¿Confirmas la actualización?')]],
      ['sí', [t.basicDataUpdated, MENU]],
    ]);
    expect(await anaRow()).toMatchObject({ address: 'Calle 18 # 21-09, Soledad centro', municipality_code: '08758', mobile: '3001112236' });
  });

  it('refuses an invalid e-mail and an emptied mobile with clear reasons, then asks the password before saving them', async () => {
    await bot.play([
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData)]],
      ['actualizar', [FIELD_MENU]],
      ['celular', [t.askField.mobile]],
      ['ninguno', [`${t.basicDataReason('required')}\n${t.askField.mobile}`]],
      ['605 385 0102', [`${contactData.invalidMobile.not_mobile}\n${t.askField.mobile}`]],
      ['315 765 4321', [withPending('Celular (*): 3157654321')]],
      ['correo', [t.askField.email]],
      ['ana.milena@', [`${contactData.invalidEmail.invalid}\n${t.askField.email}`]],
      ['ana.milena@example.com', [withPending('Celular (*): 3157654321', 'Correo electrónico: ana.milena@example.com')]],
      ['5', [saying('• Celular (*): 3157654321', '• Correo electrónico: ana.milena@example.com')]],
      ['1', [contactData.reauthNeeded, REAUTH_QUESTION]],
      [DEMO_PASSWORD, [t.basicDataUpdated, MENU]],
    ]);
    expect(await anaRow()).toMatchObject({ mobile: '3157654321', email: 'ana.milena@example.com' });
  });

  it('keeps mobile and e-mail when the password is wrong, and still saves the rest', async () => {
    await bot.play([
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData)]],
      ['2', [FIELD_MENU]],
      ['correo', [t.askField.email]],
      ['ninguno', [withPending('Correo electrónico: (ninguno)')]],
      ['dirección', [t.askField.address]],
      ['Carrera 54 # 64-15', [withPending('Correo electrónico: (ninguno)', 'Dirección (*): Carrera 54 # 64-15')]],
      ['guardar', [saying('• Correo electrónico: (ninguno)')]],
      ['sí, actualizar', [contactData.reauthNeeded, REAUTH_QUESTION]],
      ['no-es-la-clave', [contactData.reauthFailed, t.basicDataUpdated, MENU]],
    ]);
    expect(await anaRow()).toMatchObject({ email: 'ana.rojas@example.com', address: 'Carrera 54 # 64-15' });
  });

  it('saves nothing when the summary is declined, when nothing really changed, or on "cancelar"', async () => {
    await bot.play([
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData)]],
      ['2', [FIELD_MENU]],
      ['celular', [t.askField.mobile]],
      ['3001112236', [withPending('Celular (*): 3001112236')]],
      ['guardar', [t.basicDataNoChanges, MENU]],
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData)]],
      ['2', [FIELD_MENU]],
      ['dirección', [t.askField.address]],
      ['Calle 1 # 2-3', [withPending('Dirección (*): Calle 1 # 2-3')]],
      ['guardar', [saying('¿Confirmas la actualización?')]],
      ['no', [t.basicDataNotUpdated, MENU]],
      ['actualizar mis datos', [family.onlyYou('Ana'), saying(shownData)]],
      ['2', [FIELD_MENU]],
      ['dirección', [t.askField.address]],
      ['cancelar', [common.cancelled, MENU]],
    ]);
    expect(await anaRow()).toMatchObject({ address: 'Calle 72 # 41-30, apartamento 302', mobile: '3001112236' });
  });
});
