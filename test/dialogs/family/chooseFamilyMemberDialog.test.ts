import { describe, expect, it } from 'vitest';
import { ChooseFamilyMemberDialog } from '../../../dialogs/family/chooseFamilyMemberDialog';
import { DialogIds } from '../../../dialogs/ids';
import { common, family } from '../../../dialogs/messages';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleusService';
import { Repositories } from '../../../src/services/ports/repositories';
import { readable } from '../../helpers/transcript';
import { DEMO_IDS, demoWorld } from './demoWorld';
import { hostHarness, LOGGED_MENU_RE } from './hostHarness';

function start(affiliates: Repositories['affiliates'], affiliateId: string = DEMO_IDS.mariaFernanda) {
  return hostHarness({
    affiliateId,
    childId: DialogIds.chooseFamilyMember,
    children: (accessors) => [new ChooseFamilyMemberDialog(accessors.session, new FamilyNucleusService(affiliates))],
  });
}

const chosen = (id: string, fullName: string, isSelf = false) => `result:${JSON.stringify({ affiliateId: id, fullName, isSelf })}`;

describe('choose a family member', () => {
  it('lists the nucleus with names, relationship and masked document, and ends with the chosen member', async () => {
    const { repos } = await demoWorld();
    const h = await start(repos.affiliates);
    const [list] = await h.say('solicitar autorización');
    const shown = readable(list);
    expect(shown).toContain(family.chooseMember);
    expect(shown).toContain('1. María Fernanda Pérez Gómez · Cabeza de familia · CC ******8901');
    expect(shown).toContain('2. Carlos Andrés Ruiz Díaz · Cónyuge o compañero(a) · CC ******8902');
    expect(shown).toContain('3. Valentina Ruiz Pérez · Hijo(a) · TI ******5432');
    expect(shown).toContain('4. Santiago Ruiz Pérez · Hijo(a) · RC ******5433');
    // Full document numbers never appear; other families are not listed.
    expect(shown).not.toMatch(/1045678901|1098765432|José Luis|Ana Milena/);
    await h.play([['3', [chosen(DEMO_IDS.valentina, 'Valentina Ruiz Pérez'), LOGGED_MENU_RE]]]);
  });

  it('accepts the name instead of the number, ignoring accents and case', async () => {
    const { repos } = await demoWorld();
    const h = await start(repos.affiliates);
    await h.say('solicitar autorizacion');
    await h.play([['CARLOS ANDRES', [chosen(DEMO_IDS.carlosAndres, 'Carlos Andrés Ruiz Díaz'), LOGGED_MENU_RE]]]);
  });

  it('explains an unknown answer and shows the same list again', async () => {
    const { repos } = await demoWorld();
    const h = await start(repos.affiliates);
    await h.say('solicitar autorizacion');
    await h.play([
      ['7', [(a) => a.text!.startsWith(family.chooseMemberRetry) && /4\. Santiago/.test(readable(a))]],
      ['maria fernanda', [chosen(DEMO_IDS.mariaFernanda, 'María Fernanda Pérez Gómez', true), LOGGED_MENU_RE]],
    ]);
  });

  it('ayuda explains the step and keeps the list; cancelar goes back to the menu', async () => {
    const { repos } = await demoWorld();
    const h = await start(repos.affiliates);
    await h.say('solicitar autorizacion');
    await h.play([
      ['ayuda', [family.chooseMemberHelp, /1\. María Fernanda/]],
      ['cancelar', [common.cancelled, LOGGED_MENU_RE]],
    ]);
  });

  it('leaves out members whose affiliation is not active, and says so', async () => {
    const { db, repos } = await demoWorld();
    await db.knex('affiliates').where({ id: DEMO_IDS.carlosAndres }).update({ status: 'suspendido' });
    const h = await start(repos.affiliates);
    const [list] = await h.say('solicitar autorizacion');
    expect(readable(list)).toContain(family.inactiveHidden(1));
    expect(readable(list)).not.toContain('Carlos');
    await h.play([['2', [chosen(DEMO_IDS.valentina, 'Valentina Ruiz Pérez'), LOGGED_MENU_RE]]]);
  });

  it('with nobody else in the nucleus it goes on with the affiliate herself', async () => {
    const { repos } = await demoWorld();
    const h = await start(repos.affiliates, DEMO_IDS.anaMilena);
    await h.play([['solicitar autorizacion', [family.onlyYou('Ana'), chosen(DEMO_IDS.anaMilena, 'Ana Milena Rojas Castro', true), LOGGED_MENU_RE]]]);
  });
});

describe('FamilyNucleusService', () => {
  it('refuses a member of another nucleus', async () => {
    const { repos } = await demoWorld();
    const service = new FamilyNucleusService(repos.affiliates);
    await expect(service.findMember(DEMO_IDS.mariaFernanda, DEMO_IDS.anaMilena)).rejects.toMatchObject({ code: 'not_in_nucleus' });
    await expect(service.findMember(DEMO_IDS.mariaFernanda, DEMO_IDS.santiago)).resolves.toMatchObject({ firstNames: 'Santiago' });
  });
});
