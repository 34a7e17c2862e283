import { describe, expect, it } from 'vitest';
import { ConfirmContactDataDialog } from '../../../dialogs/family/confirmContactDataDialog';
import { DialogIds } from '../../../dialogs/ids';
import { common, contactData as t } from '../../../dialogs/messages';
import { ContactDataService } from '../../../src/services/family/contactDataService';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleusService';
import { fixedClock } from '../../helpers/clock';
import { DEMO_IDS, demoWorld } from './demoWorld';
import { FakeReauthenticateDialog, hostHarness, LOGGED_MENU_RE, REAUTH_PROMPT } from './hostHarness';

const ADDRESS = 'Carrera 46 # 72-15, barrio El Prado';
const EMAIL = 'carlos.ruiz@example.com';
const ORIGINAL = { mobile: '3001112234', email: EMAIL, address: ADDRESS };
const CURRENT_RE = /Estos son los datos de contacto de Carlos Andrés Ruiz Díaz:[\s\S]*Celular: 3001112234[\s\S]*Correo: carlos\.ruiz@example\.com[\s\S]*Dirección: Carrera 46 # 72-15, barrio El Prado\n¿Están correctos\?\n1\. Sí, están correctos\n2\. Actualizar datos/;

/** Carlos Andrés with his mobile and, unless `withoutEmail`, an e-mail: every contact field registered. */
async function setup(opts: { withReauth?: boolean; memberId?: string; withoutEmail?: boolean } = {}) {
  const { repos } = await demoWorld();
  const affiliates = repos.affiliates;
  if (!opts.withoutEmail) await affiliates.updateContact(DEMO_IDS.carlosAndres, { email: EMAIL }, new Date('2026-11-27T15:00:00Z'));
  const service = new ContactDataService({ affiliates, nucleus: new FamilyNucleusService(affiliates), clock: fixedClock('2026-11-27T15:00:00Z') });
  const h = await hostHarness({
    childId: DialogIds.confirmContactData,
    childOptions: { affiliateId: opts.memberId ?? DEMO_IDS.carlosAndres },
    children: (accessors) => [new ConfirmContactDataDialog(accessors.session, service)],
    rootDialogs: opts.withReauth === false ? [] : [new FakeReauthenticateDialog()],
  });
  const stored = async () => {
    const a = await affiliates.findById(DEMO_IDS.carlosAndres);
    return { mobile: a?.mobile, email: a?.email, address: a?.address };
  };
  return { h, stored };
}

const result = (updated: boolean, id: string = DEMO_IDS.carlosAndres) => `result:${JSON.stringify({ affiliateId: id, updated })}`;

describe('confirm contact data', () => {
  it('shows mobile, e-mail and address; "sí" keeps them and saves nothing', async () => {
    const { h, stored } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['si', [result(false), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual(ORIGINAL);
  });

  it('updates the address after "¿Confirmas la actualización?" without asking the password', async () => {
    const { h, stored } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['2', [t.askMobile('3001112234')]],
      ['igual', [t.askEmail(EMAIL)]],
      ['igual', [t.askAddress(ADDRESS)]],
      ['Carrera 50 # 80-12 apto 301', [/Dirección: Carrera 50 # 80-12 apto 301[\s\S]*¿Confirmas la actualización\?[\s\S]*1\. Sí, actualizar/]],
      ['sí', [t.updated, result(true), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual({ ...ORIGINAL, ...{ address: 'Carrera 50 # 80-12 apto 301' } });
  });

  it('a bad mobile says why and asks again, keeping nothing lost; a new mobile needs the password', async () => {
    const { h, stored } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['actualizar', [t.askMobile('3001112234')]],
      ['601 234 5678', [t.invalidMobile.not_mobile, t.askMobile('3001112234')]],
      ['30011', [t.invalidMobile.wrong_length, t.askMobile('3001112234')]],
      ['+57 310 555 6677', [t.askEmail(EMAIL)]],
      ['carlos@', [t.invalidEmail.invalid, t.askEmail(EMAIL)]],
      ['Carlos.Ruiz@Example.COM', [t.askAddress(ADDRESS)]],
      ['igual', [/Celular: 3105556677[\s\S]*Correo: Carlos\.Ruiz@example\.com[\s\S]*Dirección: Carrera 46 # 72-15, barrio El Prado[\s\S]*¿Confirmas la actualización\?/]],
      ['1', [t.reauthNeeded, REAUTH_PROMPT]],
      ['clave-correcta', [t.updated, result(true), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual({ ...ORIGINAL, ...{ mobile: '3105556677', email: 'Carlos.Ruiz@example.com' } });
  });

  it('a wrong password keeps the mobile and e-mail but still saves the address', async () => {
    const { h, stored } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['2', [t.askMobile('3001112234')]],
      ['3105556677', [t.askEmail(EMAIL)]],
      ['igual', [t.askAddress(ADDRESS)]],
      ['Calle 80 # 10-20', [/¿Confirmas la actualización\?/]],
      ['si', [t.reauthNeeded, REAUTH_PROMPT]],
      ['otra', [t.reauthFailed, t.updated, result(true), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual({ ...ORIGINAL, ...{ address: 'Calle 80 # 10-20' } });
  });

  it('"no" at the confirmation keeps everything as it was', async () => {
    const { h, stored } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['2', [t.askMobile('3001112234')]],
      ['igual', [t.askEmail(EMAIL)]],
      ['carlos@example.com', [t.askAddress(ADDRESS)]],
      ['igual', [/¿Confirmas la actualización\?/]],
      ['no', [t.notUpdated, result(false), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual(ORIGINAL);
  });

  it('without the password re-check available, a new mobile is not saved', async () => {
    const { h, stored } = await setup({ withReauth: false });
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['2', [t.askMobile('3001112234')]],
      ['3105556677', [t.askEmail(EMAIL)]],
      ['igual', [t.askAddress(ADDRESS)]],
      ['igual', [/¿Confirmas la actualización\?/]],
      ['si', [t.reauthFailed, result(false), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual(ORIGINAL);
  });

  it('changing nothing says so and goes on', async () => {
    const { h } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['2', [t.askMobile('3001112234')]],
      ['3001112234', [t.askEmail(EMAIL)]],
      ['igual', [t.askAddress(ADDRESS)]],
      ['igual', [t.noChanges, result(false), LOGGED_MENU_RE]],
    ]);
  });

  it.each([
    ['the data', []],
    ['the mobile', ['2']],
    ['the e-mail', ['2', 'igual']],
    ['the address', ['2', 'igual', 'igual']],
    ['the confirmation', ['2', 'igual', 'igual', 'Calle 80 # 10-20']],
  ])('cancelar at %s goes back to the menu without saving', async (_label, answers) => {
    const { h, stored } = await setup();
    await h.say('solicitar autorizacion');
    for (const answer of answers) await h.say(answer);
    await h.play([['cancelar', [common.cancelled, LOGGED_MENU_RE]]]);
    expect(await stored()).toEqual(ORIGINAL);
  });

  it('ayuda at a field explains it and asks the same question', async () => {
    const { h } = await setup();
    await h.play([
      ['solicitar autorizacion', [CURRENT_RE]],
      ['2', [t.askMobile('3001112234')]],
      ['ayuda', [t.mobileHelp, t.askMobile('3001112234')]],
    ]);
  });
});

describe('confirm contact data with the mobile or the e-mail missing', () => {
  const OFFER_RE = /• Correo: sin registrar\n• Dirección: [^\n]+\nNo tiene correo registrado\. ¿Quieres agregarlo ahora\? Así le llega la respuesta de la EPS\.\n1\. Sí, agregar\n2\. No, seguir así$/;

  it('offers to add the missing e-mail instead of asking to confirm "sin registrar" as correct', async () => {
    const { h, stored } = await setup({ withoutEmail: true });
    // "sin registrar" is not offered as correct: no "¿Están correctos?" (OFFER_RE ends with the two options).
    await h.play([['solicitar autorizacion', [OFFER_RE]]]);
    // "sí" adds: only the missing e-mail is asked, then confirmed, with the password again.
    await h.play([
      ['si', [t.askEmail(undefined)]],
      ['carlos@example.com', [/Correo: carlos@example\.com[\s\S]*¿Confirmas la actualización\?/]],
      ['1', [t.reauthNeeded, REAUTH_PROMPT]],
      ['clave-correcta', [t.updated, result(true), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual({ ...ORIGINAL, email: 'carlos@example.com' });
  });

  it('"no" goes on with the data as it is, and saves nothing', async () => {
    const { h, stored } = await setup({ withoutEmail: true });
    await h.play([
      ['solicitar autorizacion', [OFFER_RE]],
      ['no', [result(false), LOGGED_MENU_RE]],
    ]);
    expect(await stored()).toEqual({ ...ORIGINAL, email: undefined });
  });

  it('a member with neither mobile nor e-mail is offered both; "no" at each keeps them missing', async () => {
    const { h } = await setup({ memberId: DEMO_IDS.valentina });
    await h.play([
      ['solicitar autorizacion', [/Celular: sin registrar[\s\S]*No tiene celular ni correo registrados\. ¿Quieres agregarlos ahora\?[\s\S]*1\. Sí, agregar/]],
      ['ayuda', [t.shownMissingHelp, /¿Quieres agregarlos ahora\?/]],
      ['1', [t.askMobile(undefined)]],
      ['no', [t.askEmail(undefined)]],
      ['no', [t.noChanges, result(false, DEMO_IDS.valentina), LOGGED_MENU_RE]],
    ]);
  });
});

describe('ContactDataService', () => {
  it('refuses a new mobile without a fresh password check, and a member of another nucleus', async () => {
    const { repos } = await demoWorld();
    const service = new ContactDataService({ affiliates: repos.affiliates, nucleus: new FamilyNucleusService(repos.affiliates), clock: fixedClock('2026-11-27T15:00:00Z') });
    await expect(service.update(DEMO_IDS.mariaFernanda, DEMO_IDS.carlosAndres, { mobile: '3105556677' }, { reauthenticated: false })).rejects.toMatchObject({ code: 'reauthentication_required' });
    await expect(service.update(DEMO_IDS.mariaFernanda, DEMO_IDS.anaMilena, { address: 'Calle 1 # 2-3' }, { reauthenticated: true })).rejects.toMatchObject({ code: 'not_in_nucleus' });
    await expect(service.update(DEMO_IDS.mariaFernanda, DEMO_IDS.carlosAndres, { email: 'no-es-correo' }, { reauthenticated: true })).rejects.toMatchObject({ code: 'invalid_email:invalid' });
    expect((await repos.affiliates.findById(DEMO_IDS.carlosAndres))?.mobile).toBe('3001112234');
  });
});
