// A bot with the real identity dialogs on the real services (SQLite with the demo people, fixed clock),
// plus a recorder that keeps what agents would see of each inbound turn ("[oculto]" when marked sensitive).
import { Middleware, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogIds } from '../../../dialogs/ids';
import { createIdentityDialogs } from '../../../dialogs/identity/identityDialogs';
import { isInputSensitive, REDACTED_TEXT } from '../../../src/bot/sensitiveInput';
import { createBotHarness, readable } from '../../helpers/transcript';
import { createIdentityWorld } from '../../services/identity/identityWorld';

export const PUBLIC_URL = 'http://localhost:3978';
export const MENU_RE = /Qué quieres hacer[\s\S]*1\. Registrarme[\s\S]*2\. Iniciar sesión/;
export const LOGGED_MENU_RE = /Qué quieres hacer[\s\S]*3\. Solicitar autorización/;

/** Stands in for a task that needs login: it says its name and ends. */
class FakeCertificatesDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.certificates);
    this.addDialog(
      new WaterfallDialog('certificates.steps', [
        async (step) => {
          await step.context.sendActivity('Certificados: listo.');
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'certificates.steps';
  }
}

/** Stands in for "update my mobile": asks for the password again and says what came back. */
class FakeContactChangeDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.updateBasicData);
    this.addDialog(
      new WaterfallDialog('contact.steps', [
        async (step) => step.beginDialog(DialogIds.reauthenticate),
        async (step) => {
          await step.context.sendActivity(step.result === true ? 'Identidad confirmada.' : 'Sin confirmar.');
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'contact.steps';
  }
}

export async function createIdentityHarness() {
  const fixture = await createIdentityWorld();
  /** What a transcript recorder stores for each inbound message, in order. */
  const recorded: string[] = [];
  /** Every text the bot sent, as a user would read it. */
  const botSaid: string[] = [];
  const recorder: Middleware = {
    onTurn: async (context: TurnContext, next) => {
      context.onSendActivities(async (_ctx, activities, send) => {
        botSaid.push(...activities.map(readable));
        return send();
      });
      await next();
      recorded.push(isInputSensitive(context) ? REDACTED_TEXT : (context.activity.text ?? ''));
    },
  };
  const harness = createBotHarness({
    clock: fixture.clock,
    middleware: [recorder],
    featureFactory: (accessors) => [
      ...createIdentityDialogs({
        registration: fixture.registration,
        authentication: fixture.authentication,
        recovery: fixture.recovery,
        consents: fixture.consents,
        session: accessors.session,
        clock: fixture.clock,
        publicUrl: PUBLIC_URL,
      }),
      new FakeCertificatesDialog(),
      new FakeContactChangeDialog(),
    ],
  });
  await harness.say('hola');
  return { ...fixture, ...harness, recorded, botSaid };
}

export type IdentityHarness = Awaited<ReturnType<typeof createIdentityHarness>>;

/** The temporary password in the newest SMS to that mobile (what the person reads on the phone). */
export async function lastSmsPassword(h: IdentityHarness, mobile: string): Promise<string> {
  const [sms] = await h.repos.outbox.list({ kind: 'sms', recipient: mobile });
  const match = /Contraseña temporal: (\S+)/.exec(sms?.body ?? '');
  if (!match) throw new Error('no SMS with a temporary password');
  return match[1];
}
