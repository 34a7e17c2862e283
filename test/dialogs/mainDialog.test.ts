import { ComponentDialog, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { withHelp } from '../../dialogs/prompts/helpPromptOptions';
import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { DialogIds } from '../../dialogs/ids';
import { common, session as sessionTexts } from '../../dialogs/messages';
import { visibleMenu } from '../../dialogs/menu';
import { HandoffStarter } from '../../src/bot/ports';
import { AuthSession } from '../../src/domain/session';
import { fixedClock } from '../helpers/clock';
import { conversationContext, conversationEnded, createBotHarness, readable, TranscriptStep } from '../helpers/transcript';

const MENU_RE = /Qué quieres hacer[\s\S]*1\. Registrarme[\s\S]*2\. Iniciar sesión/;
const LOGGED_MENU_RE = /Qué quieres hacer[\s\S]*3\. Solicitar autorización/;

/** A two-question task, standing in for a real feature: tests cancel, help and resume. */
class FakeCertificatesDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.certificates);
    this.addDialog(new TextPrompt('text'));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step: WaterfallStepContext) =>
          step.prompt('text', withHelp('¿Para qué entidad es el certificado?', 'Escribe el nombre de la entidad que lo pide.')),
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(`Certificado para ${String(step.result)} listo.`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

/** Logs in whoever answers "clave" — the real login dialog lands with the identity issue. */
class FakeLoginDialog extends ComponentDialog {
  constructor(session: StatePropertyAccessor<AuthSession | undefined>, now: () => Date) {
    super(DialogIds.login);
    this.addDialog(new TextPrompt('password'));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step) => step.prompt('password', { prompt: 'Contraseña:' }),
        async (step) => {
          if (step.result === 'clave') {
            const at = now().toISOString();
            await session.set(step.context, { accountId: 'a1', affiliateId: 'f1', startedAt: at, lastActivityAt: at, charterAccepted: true });
          }
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

/** Logs in through the fake login dialog from the menu (option 2). */
const LOG_IN: TranscriptStep[] = [
  ['2', ['Contraseña:']],
  ['clave', [LOGGED_MENU_RE]],
];

function harness(extra: { handoff?: HandoffStarter } = {}) {
  const clock = fixedClock('2026-11-27T15:00:00Z');
  const h = createBotHarness({
    clock,
    handoff: extra.handoff,
    featureFactory: (accessors) => [new FakeCertificatesDialog(), new FakeLoginDialog(accessors.session, () => clock.now())],
  });
  return { ...h, clock };
}

describe('main menu', () => {
  it('greets and shows every capability as a numbered menu', async () => {
    const h = harness();
    const replies = await h.say('hola');
    expect(replies[0].text).toBe(common.welcome);
    const menu = readable(replies[1]);
    expect(menu).toMatch(MENU_RE);
    for (const entry of visibleMenu(false)) expect(menu).toContain(entry.title);
  });

  it('a greeting at the menu greets again instead of "no entendí"', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([['Buenos días', [common.welcome, MENU_RE]]]);
  });

  it('accepts the number, the words, and ignores accents and case', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ['2', ['Contraseña:']],
    ]);
    const h2 = harness();
    await h2.say('hola');
    await h2.play([['INICIAR SESION', ['Contraseña:']]]);
  });

  it('explains an unknown answer and shows the options again', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([['quiero una pizza', [(a) => a.text!.startsWith(common.notUnderstoodChoice) && MENU_RE.test(readable(a))]]]);
  });

  it('a file sent at the menu is acknowledged and the options asked again', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([[{ text: '', attachments: [{ contentType: 'application/pdf', name: 'orden.pdf', contentUrl: 'staged:x' }] }, [(a) => a.text!.startsWith(common.fileNotExpected) && MENU_RE.test(readable(a))]]]);
  });

  it('says "pronto disponible" for a capability whose dialog has not landed', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([['1', [common.comingSoon('Registrarme'), MENU_RE]]]);
  });
});

describe('menu state', () => {
  /** The conversation's state as the storage keeps it between turns. */
  async function storedState(h: ReturnType<typeof harness>): Promise<Record<string, unknown>> {
    const context = conversationContext(h.adapter);
    await h.conversationState.load(context, true);
    return h.conversationState.get(context) as Record<string, unknown>;
  }

  it('keeps which menu it is, not the whole list, in the state every turn reads and writes', async () => {
    const h = harness();
    await h.say('hola');
    const state = await storedState(h);
    // The list with its synonyms, the question and the help were 2.2 KB of the 2.9 KB kept before.
    expect(JSON.stringify(state).length).toBeLessThan(900);
    expect(JSON.stringify(state)).not.toContain('Registrarme');
    await h.play([
      ['ayuda', [common.helpGeneral, MENU_RE]],
      ['iniciar sesion', ['Contraseña:']],
    ]);
  });

  it('a conversation left at the menu with the full list in its state (before this form) goes on', async () => {
    const h = harness();
    await h.say('hola');
    const context = conversationContext(h.adapter);
    await h.conversationState.load(context, true);
    const state = h.conversationState.get(context) as { dialogState: unknown };
    // Rewrites the menu question's kept options in the long form earlier versions stored.
    const text = JSON.stringify(state.dialogState).replace(
      /"options":\{"menu":"loggedOut"\}/,
      JSON.stringify({ options: { question: 'Elige:', options: visibleMenu(false), hidden: [], help: 'Ayuda de antes.' } }).slice(1, -1),
    );
    expect(text).toContain('Ayuda de antes.');
    state.dialogState = JSON.parse(text);
    await h.conversationState.saveChanges(context, true);
    await h.play([
      ['ayuda', ['Ayuda de antes.', /Elige:[\s\S]*1\. Registrarme/]],
      ['2', ['Contraseña:']],
    ]);
  });
});

describe('stable numbers', () => {
  it('a task keeps its number after logging in: only 1 and 2 change, to the account options', async () => {
    const h = harness();
    const before = readable((await h.say('hola'))[1]);
    await h.play([['2', ['Contraseña:']]]);
    const after = readable((await h.say('clave'))[0]);
    expect(after).toMatch(/1\. Cambiar mi contraseña\n2\. Cerrar sesión\n3\. Solicitar autorización/);
    for (const n of [3, 4, 5, 6, 7, 8, 9]) {
      const line = (text: string) => text.split('\n').find((l) => l.startsWith(`${n}. `));
      expect(line(after), `option ${n}`).toBe(line(before));
    }
  });

  it('option 2 "Cerrar sesión" ends the session like salir', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['2', [common.goodbye, conversationEnded]],
      // The first words after closing name a task: the bot goes there (through login) instead of showing the menu.
      ['certificados', [common.welcome, sessionTexts.loginFirst, 'Contraseña:']],
    ]);
  });
});

describe('interruptions', () => {
  it('ayuda at the menu explains and asks again', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([['Ayuda', [common.helpGeneral, MENU_RE]]]);
  });

  it('cancelar with nothing in progress says so', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([['cancelar', [common.nothingToCancel, MENU_RE]]]);
  });

  it('cancelar mid-task abandons it and returns to the menu', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['certificados', ['¿Para qué entidad es el certificado?']],
      ['CANCELAR', [common.cancelled, LOGGED_MENU_RE]],
    ]);
  });

  it('ayuda mid-task shows that step\'s help and the same question, keeping the task', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['certificados', ['¿Para qué entidad es el certificado?']],
      ['ayuda', ['Escribe el nombre de la entidad que lo pide.', '¿Para qué entidad es el certificado?']],
      ['el banco', ['Certificado para el banco listo.', LOGGED_MENU_RE]],
    ]);
  });

  it('menú mid-task goes back to the menu', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['certificados', ['¿Para qué entidad es el certificado?']],
      ['Menú', [LOGGED_MENU_RE]],
    ]);
  });

  it('asesor keeps the task on the stack and asks the handoff service', async () => {
    const calls: string[] = [];
    const h = harness({ handoff: { requestAgent: async (ctx, reason) => { calls.push(reason); await ctx.sendActivity('En cola'); } } });
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['certificados', ['¿Para qué entidad es el certificado?']],
      ['asesor', ['En cola']],
      // When the agent hands back, the same question is still waiting for its answer.
      ['la alcaldía', ['Certificado para la alcaldía listo.', LOGGED_MENU_RE]],
    ]);
    expect(calls).toEqual(['user_request']);
  });

  it('asesor without an agent service says how else to get help and asks again', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([['asesor', [common.agentUnavailable, MENU_RE]]]);
  });

  it('salir ends the session; the next message starts over logged out', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['salir', [common.goodbye, conversationEnded]],
      ['hola', [common.welcome, MENU_RE]],
    ]);
  });

  it('a file over 15 MB is explained as too big, not as "only PDF"', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([[{ text: '', channelData: { unsupportedContent: 'file_too_large' } }, [common.fileTooLarge, MENU_RE]]]);
  });

  it('unsupported content gets a kind reason and the question again', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([[{ text: '', channelData: { unsupportedContent: 'sticker' } }, [common.onlyTextAndPdf, MENU_RE]]]);
  });
});

describe('help inside nested dialogs', () => {
  it('ayuda at a question of a shared dialog started from inside a feature asks it again', async () => {
    /** A shared check registered next to the features (like the password check before a contact change). */
    class SharedCheck extends ComponentDialog {
      constructor() {
        super(DialogIds.reauthenticate);
        this.addDialog(new TextPrompt('pw'));
        this.addDialog(new WaterfallDialog('s', [async (step) => step.prompt('pw', withHelp('Escribe tu contraseña otra vez.', 'Es la misma con la que entras.')), async (step) => step.endDialog(true)]));
        this.initialDialogId = 's';
      }
    }
    class FeatureUsingSharedCheck extends ComponentDialog {
      constructor() {
        super(DialogIds.certificates);
        this.addDialog(new WaterfallDialog('f', [async (step) => step.beginDialog(DialogIds.reauthenticate), async (step) => { await step.context.sendActivity(`Verificado: ${String(step.result)}`); return step.endDialog(); }]));
        this.initialDialogId = 'f';
      }
    }
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const h = createBotHarness({ clock, features: [new FeatureUsingSharedCheck(), new SharedCheck()] });
    await h.setSession({ accountId: 'a', affiliateId: 'f', startedAt: clock.now().toISOString(), lastActivityAt: clock.now().toISOString(), charterAccepted: true });
    await h.say('hola');
    await h.play([
      ['certificados', ['Escribe tu contraseña otra vez.']],
      ['ayuda', ['Es la misma con la que entras.', 'Escribe tu contraseña otra vez.']],
      ['secreto', ['Verificado: true', LOGGED_MENU_RE]],
    ]);
  });
});

describe('login gate and session expiry', () => {
  it('a task that needs login asks to log in first, then runs the task', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ['6', [sessionTexts.loginFirst, 'Contraseña:']],
      ['clave', ['¿Para qué entidad es el certificado?']],
    ]);
  });

  it('a failed login returns to the menu instead of running the task', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ['certificados', [sessionTexts.loginFirst, 'Contraseña:']],
      ['otra', [MENU_RE]],
    ]);
  });

  it('15 minutes idle closes the session and returns to the menu', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
      ['certificados', ['¿Para qué entidad es el certificado?']],
    ]);
    h.clock.advance(15 * 60 * 1000);
    await h.play([['el banco', [sessionTexts.idleExpired, MENU_RE]]]);
  });

  it('activity keeps the session alive past 15 minutes in total', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
    ]);
    h.clock.advance(10 * 60 * 1000);
    await h.play([['certificados', ['¿Para qué entidad es el certificado?']]]);
    h.clock.advance(10 * 60 * 1000);
    await h.play([['el banco', ['Certificado para el banco listo.', LOGGED_MENU_RE]]]);
  });

  it('12 hours after login the session ends even with activity', async () => {
    const h = harness();
    await h.say('hola');
    await h.play([
      ...LOG_IN,
    ]);
    for (let i = 0; i < 71; i++) {
      h.clock.advance(10 * 60 * 1000);
      await h.play([['ayuda', [common.helpGeneral, LOGGED_MENU_RE]]]);
    }
    h.clock.advance(10 * 60 * 1000);
    await h.play([['certificados', [sessionTexts.absoluteExpired, MENU_RE]]]);
  });
});

describe('turn errors', () => {
  it('apologises, offers an agent and starts clean on the next message', async () => {
    class Broken extends ComponentDialog {
      constructor() {
        super(DialogIds.certificates);
        this.addDialog(new WaterfallDialog('s', [async () => { throw new Error('boom 1045678901'); }]));
      }
    }
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const h = createBotHarness({ clock, features: [new Broken()] });
    await h.setSession({ accountId: 'a', affiliateId: 'f', startedAt: clock.now().toISOString(), lastActivityAt: clock.now().toISOString(), charterAccepted: true });
    await h.say('hola');
    await h.play([
      ['certificados', [common.turnError]],
      ['hola', [common.welcome, LOGGED_MENU_RE]],
    ]);
  });
});

// Keeps the TurnContext import meaningful for readers: the harness drives real botbuilder turns.
export type _Ctx = TurnContext;
