// What people really write at the main menu and at other questions with options: each of these got
// "No entendí" and the whole menu before the intent classifier.
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DialogIds } from '../../dialogs/ids';
import { common, understanding } from '../../dialogs/messages';
import { OptionsPrompt, OptionsPromptOptions } from '../../dialogs/prompts/optionsPrompt';
import type { ChoiceOption } from '../../dialogs/validators';
import { Step, waterfall } from '../../dialogs/waterfall';
import type { HandoffReason } from '../../src/domain/handoff';
import type { IntentClassifier } from '../../src/services/ports/intentClassifier';
import { fixedClock } from '../helpers/clock';
import { trainedIntents } from '../helpers/intents';
import { createBotHarness } from '../helpers/transcript';

const MENU_RE = /Qué quieres hacer[\s\S]*1\. Registrarme/;
const LOGGED_MENU_RE = /Qué quieres hacer[\s\S]*3\. Solicitar autorización/;

/** Stands in for a feature: says which task started, then ends. */
class Started extends ComponentDialog {
  constructor(id: string) {
    super(id);
    this.addDialog(new WaterfallDialog(`${id}.steps`, [async (step) => { await step.context.sendActivity(`inicio: ${id}`); return step.endDialog(); }]));
    this.initialDialogId = `${id}.steps`;
  }
}

/** A yes/no question like many inside tasks. */
const CONFIRM: OptionsPromptOptions = {
  question: '¿Confirmas el envío?',
  options: [
    { value: 'yes', title: 'Sí, enviar', synonyms: ['si'] },
    { value: 'no', title: 'No, corregir', synonyms: ['no'] },
  ],
};

class YesNoTask extends ComponentDialog {
  constructor() {
    super(DialogIds.assignedIps);
    this.addDialog(new OptionsPrompt('yn'));
    this.addDialog(
      waterfall('yn.steps', [
        async (step) =>
          step.prompt('yn', CONFIRM),
        async (step: Step<object, ChoiceOption>) => {
          await step.context.sendActivity(`respuesta: ${step.result.value}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'yn.steps';
  }
}

const TASKS = [DialogIds.certificates, DialogIds.requestAuthorization, DialogIds.updateBasicData, DialogIds.recoverPassword, DialogIds.changePassword, DialogIds.login];

let intents: IntentClassifier;
beforeAll(async () => {
  intents = await trainedIntents();
});

function harness(opts: { loggedIn?: boolean } = {}) {
  const clock = fixedClock('2026-11-27T15:00:00Z');
  const agentCalls: HandoffReason[] = [];
  const h = createBotHarness({
    clock,
    intents,
    features: [...TASKS.map((id) => new Started(id)), new YesNoTask()],
    handoff: {
      requestAgent: async (ctx, reason) => {
        agentCalls.push(reason);
        await ctx.sendActivity('En cola para un asesor');
      },
    },
  });
  const start = async () => {
    if (opts.loggedIn) {
      const at = clock.now().toISOString();
      await h.setSession({ accountId: 'a', affiliateId: 'f', startedAt: at, lastActivityAt: at, charterAccepted: true });
    }
    await h.say('hola');
  };
  return { ...h, agentCalls, start };
}

describe('the main menu understands free text', () => {
  it('"quiero hablar con un asesor" reaches a person', async () => {
    const h = harness();
    await h.start();
    await h.play([['quiero hablar con un asesor', ['En cola para un asesor']]]);
    expect(h.agentCalls).toEqual(['user_request']);
  });

  it.each([
    ['quiero un certificado de afiliacion', DialogIds.certificates],
    ['sertificado', DialogIds.certificates],
    ['necesito una autorisacion para mi examen', DialogIds.requestAuthorization],
    ['cambiar mi celular', DialogIds.updateBasicData],
    ['buenos días, necesito una autorización', DialogIds.requestAuthorization],
  ])('"%s" starts %s', async (said, dialogId) => {
    const h = harness({ loggedIn: true });
    await h.start();
    await h.play([[said, [`inicio: ${dialogId}`, LOGGED_MENU_RE]]]);
  });

  it('a first message that names a task in free words goes straight to it', async () => {
    const h = harness();
    await h.play([['buenas, olvidé mi contraseña', [common.welcome, `inicio: ${DialogIds.recoverPassword}`, MENU_RE]]]);
  });

  it('"olvidé mi contraseña" starts password recovery, though the menu does not list it', async () => {
    const h = harness();
    await h.start();
    await h.play([['olvidé mi contraseña', [`inicio: ${DialogIds.recoverPassword}`, MENU_RE]]]);
  });

  it('"gracias" and "chao" get a short answer, not the whole menu', async () => {
    const h = harness();
    await h.start();
    await h.play([
      ['gracias', [understanding.thanks]],
      ['muchas gracias, muy amable', [understanding.thanks]],
      ['chao, hasta luego', [understanding.goodbye]],
      // The menu is still waiting: a number picks its option.
      ['2', [`inicio: ${DialogIds.login}`, MENU_RE]],
    ]);
  });

  it('"buenas tardes señorita" greets back with the menu', async () => {
    const h = harness();
    await h.start();
    await h.play([['buenas tardes señorita', [common.welcome, MENU_RE]]]);
  });

  it('when unsure it asks "¿Quisiste decir…?" with two guesses, and the number answers that question', async () => {
    const h = harness({ loggedIn: true });
    await h.start();
    const [reply] = await h.say('mi autorizacion');
    expect(reply.text).toBe(understanding.didYouMean);
    const titles = (reply.suggestedActions?.actions ?? []).map((a) => a.title);
    expect(titles).toEqual(['Solicitar autorización', 'Estado de autorizaciones', understanding.noneOfThese]);
    await h.play([['1', [`inicio: ${DialogIds.requestAuthorization}`, LOGGED_MENU_RE]]]);
  });

  it('"ninguna de estas" shows the whole menu again, without "No entendí"', async () => {
    const h = harness({ loggedIn: true });
    await h.start();
    await h.say('mi autorizacion');
    await h.play([['3', [new RegExp(`^${common.menuPrompt.replace(/[?¿]/g, '.')}[\\s\\S]*3\\. Solicitar autorización`)]]]);
  });

  it('after "ayuda" at "¿Quisiste decir…?" the whole menu is back, and its numbers count', async () => {
    const h = harness({ loggedIn: true });
    await h.start();
    await h.say('mi autorizacion');
    await h.play([
      ['ayuda', [common.helpGeneral, LOGGED_MENU_RE]],
      // "1" is the menu's first entry now, not the first guess offered before.
      ['1', [`inicio: ${DialogIds.changePassword}`, LOGGED_MENU_RE]],
    ]);
  });

  it('gibberish still gets the reason and the menu', async () => {
    const h = harness();
    await h.start();
    await h.play([['xqzw', [new RegExp(`^${common.notUnderstoodChoice}[\\s\\S]*1\\. Registrarme`)]]]);
  });
});

describe('questions with options inside a task', () => {
  it('"necesito hablar con una persona" at a yes/no question reaches a person', async () => {
    const h = harness({ loggedIn: true });
    await h.start();
    await h.play([
      ['mi ips asignada', [/Confirmas el envío/]],
      ['necesito hablar con una persona', ['En cola para un asesor']],
    ]);
    expect(h.agentCalls).toEqual(['user_request']);
  });

  it('"gracias" or "hola" at a question gets a short human answer and the same question, not "No entendí"', async () => {
    const h = harness({ loggedIn: true });
    await h.start();
    await h.play([
      ['mi ips asignada', [/Confirmas el envío/]],
      // Anchored at the start: no "No entendí" before it.
      ['muchas gracias', [new RegExp(`^${understanding.courtesyMidTask.thanks}\n¿Confirmas el envío[?]`)]],
      ['buenas tardes', [new RegExp(`^${understanding.courtesyMidTask.greeting}\n¿Confirmas el envío[?]`)]],
      ['si', ['respuesta: yes', LOGGED_MENU_RE]],
    ]);
  });

  it('takes typos and plain words for yes and no', async () => {
    const h = harness({ loggedIn: true });
    await h.start();
    await h.play([
      ['mi ips asignada', [/Confirmas el envío/]],
      ['si señor, ese es', ['respuesta: yes', LOGGED_MENU_RE]],
      ['mi ips', [/Confirmas el envío/]],
      ['no señora, toca corregir', ['respuesta: no', LOGGED_MENU_RE]],
      ['mi ips', [/Confirmas el envío/]],
      ['enbiar', ['respuesta: yes', LOGGED_MENU_RE]],
    ]);
  });
});
