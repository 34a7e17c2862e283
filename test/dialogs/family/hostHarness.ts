// Runs one child dialog from a stand-in menu task and prints what it ended with, so a transcript
// shows the child's result. Also a stand-in for the identity issue's password re-check.
import { ComponentDialog, Dialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogIds } from '../../../dialogs/ids';
import { ConversationAccessors } from '../../../src/bot/conversationData';
import { fixedClock } from '../../helpers/clock';
import { BotHarness, createBotHarness } from '../../helpers/transcript';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';

const HOST_STEPS = 'host.steps';

/** Registered under the "Solicitar autorización" menu entry: starts `childId` and says `result:<json>`. */
class HostDialog extends ComponentDialog {
  constructor(children: Dialog[], childId: string, childOptions: object | undefined) {
    super(DialogIds.requestAuthorization);
    for (const child of children) this.addDialog(child);
    this.addDialog(
      new WaterfallDialog(HOST_STEPS, [
        async (step) => step.beginDialog(childId, childOptions),
        async (step) => {
          await step.context.sendActivity(`result:${JSON.stringify(step.result ?? null)}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = HOST_STEPS;
  }
}

export const REAUTH_PROMPT = 'Escribe tu contraseña:';

/** Ends true when the user types "clave-correcta". */
export class FakeReauthenticateDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.reauthenticate);
    this.addDialog(new TextPrompt('reauth.password'));
    this.addDialog(
      new WaterfallDialog('reauth.steps', [
        async (step) => step.prompt('reauth.password', { prompt: REAUTH_PROMPT }),
        async (step) => step.endDialog(step.result === 'clave-correcta'),
      ]),
    );
    this.initialDialogId = 'reauth.steps';
  }
}

export const LOGGED_MENU_RE = /Qué quieres hacer[\s\S]*3\. Solicitar autorización/;

export interface HostOptions {
  affiliateId?: string;
  childId: string;
  childOptions?: object;
  children: (accessors: ConversationAccessors) => Dialog[];
  /** Dialogs registered at the root, next to the task (e.g. the reauthenticate stand-in). */
  rootDialogs?: Dialog[];
}

/** A harness logged in as `affiliateId` (María Fernanda by default), past the welcome. */
export async function loggedInHarness(options: { affiliateId?: string; accountId?: string; featureFactory: (accessors: ConversationAccessors) => Dialog[] }): Promise<BotHarness> {
  const clock = fixedClock('2026-11-27T15:00:00Z');
  const h = createBotHarness({ clock, featureFactory: options.featureFactory });
  const at = clock.now().toISOString();
  const affiliateId = options.affiliateId ?? DEMO_IDS.mariaFernanda;
  await h.setSession({ accountId: options.accountId ?? `acc-${affiliateId}`, affiliateId, startedAt: at, lastActivityAt: at, charterAccepted: true });
  await h.say('hola');
  return h;
}

/** A logged-in harness where "solicitar autorizacion" starts the child dialog. */
export function hostHarness(options: HostOptions): Promise<BotHarness> {
  return loggedInHarness({
    affiliateId: options.affiliateId,
    featureFactory: (accessors) => [new HostDialog(options.children(accessors), options.childId, options.childOptions), ...(options.rootDialogs ?? [])],
  });
}
