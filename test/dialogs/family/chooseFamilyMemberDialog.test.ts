import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberResult } from '../../../dialogs/family/chooseFamilyMemberDialog';
import { DialogIds } from '../../../dialogs/ids';
import { common } from '../../../dialogs/messages';
import { family } from '../../../dialogs/messages/family';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleus';
import { stoppedClock } from '../../helpers/clockStub';
import { createBotHarness, readable } from '../../helpers/transcript';
import { FakeAffiliates } from './fakeAffiliates';

const LOGGED_MENU_RE = /Qué quieres hacer[\s\S]*1\. Solicitar autorización/;

const HOST_STEPS = 'host';

/** Stands in for the authorization flow, which starts the chooser and uses its result. */
class HostDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.requestAuthorization);
    this.initialDialogId = HOST_STEPS;
  }
}

/** Stands in for the authorization flow: starts the chooser and says who came back. */
function harness(affiliateId = 'aff-maria', affiliates = new FakeAffiliates()) {
  const clock = stoppedClock('2026-11-27T15:00:00Z');
  const h = createBotHarness({
    clock,
    featureFactory: (accessors) => {
      const host = new HostDialog();
      host.addDialog(new ChooseFamilyMemberDialog(accessors.session, new FamilyNucleusService(affiliates)));
      host.addDialog(
        new WaterfallDialog(HOST_STEPS, [
          async (step) => step.beginDialog(DialogIds.chooseFamilyMember),
          async (step) => {
            const chosen = step.result as ChooseFamilyMemberResult;
            await step.context.sendActivity(chosen ? `elegido:${chosen.affiliateId}:${chosen.isSelf}` : 'nadie');
            return step.endDialog();
          },
        ]),
      );
      return [host];
    },
  });
  const at = clock.now().toISOString();
  return { h, login: () => h.setSession({ accountId: `acc-${affiliateId}`, affiliateId, startedAt: at, lastActivityAt: at, charterAccepted: true }) };
}

describe('choose a family member', () => {
  it('lists the active nucleus with names, relationship and masked document, and ends with the chosen id', async () => {
    const { h, login } = harness();
    await login();
    await h.say('hola');
    const [list] = await h.say('solicitar autorización');
    const shown = readable(list);
    expect(shown).toContain(family.chooseMember);
    expect(shown).toContain('1. María Fernanda Pérez Gómez · Cabeza de familia · CC ******8901');
    expect(shown).toContain('2. Carlos Andrés Ruiz Díaz · Cónyuge o compañero(a) · CC ******8902');
    expect(shown).toContain('3. Valentina Ruiz Pérez · Hijo(a) · TI ******5432');
    expect(shown).toContain('4. Santiago Ruiz Pérez · Hijo(a) · RC ******5433');
    // Full document numbers never appear; the retired member and other families are left out.
    expect(shown).not.toMatch(/1045678901|José Luis|Ana Milena/);
    expect(shown).toContain(family.inactiveHidden(1));
    await h.play([['3', ['elegido:aff-valentina:false', LOGGED_MENU_RE]]]);
  });

  it('accepts the name instead of the number, ignoring accents and case', async () => {
    const { h, login } = harness();
    await login();
    await h.say('hola');
    await h.say('solicitar autorizacion');
    await h.play([['carlos andres', ['elegido:aff-carlos:false', LOGGED_MENU_RE]]]);
  });

  it('explains an unknown answer and shows the same list again', async () => {
    const { h, login } = harness();
    await login();
    await h.say('hola');
    await h.say('solicitar autorizacion');
    await h.play([
      ['7', [(a) => a.text!.startsWith(family.chooseMemberRetry) && /4\. Santiago/.test(readable(a))]],
      ['maria fernanda', ['elegido:aff-maria:true', LOGGED_MENU_RE]],
    ]);
  });

  it('ayuda explains the step and keeps the list; cancelar goes back to the menu', async () => {
    const { h, login } = harness();
    await login();
    await h.say('hola');
    await h.say('solicitar autorizacion');
    await h.play([
      ['ayuda', [family.chooseMemberHelp, /1\. María Fernanda/]],
      ['cancelar', [common.cancelled, LOGGED_MENU_RE]],
    ]);
  });

  it('with nobody else in the nucleus it goes on with the affiliate herself', async () => {
    const { h, login } = harness('aff-ana');
    await login();
    await h.say('hola');
    await h.play([['solicitar autorizacion', [family.onlyYou('Ana'), 'elegido:aff-ana:true', LOGGED_MENU_RE]]]);
  });
});

describe('FamilyNucleusService', () => {
  it('refuses a member of another nucleus', async () => {
    const service = new FamilyNucleusService(new FakeAffiliates());
    await expect(service.findMember('aff-maria', 'aff-ana')).rejects.toMatchObject({ code: 'not_in_nucleus' });
    await expect(service.findMember('aff-maria', 'aff-santiago')).resolves.toMatchObject({ firstNames: 'Santiago' });
  });
});
