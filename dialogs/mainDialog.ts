// The root dialog: welcome, the numbered main menu, routing to each task (through login when needed),
// and the interruptions that work anywhere (menú, cancelar, ayuda, asesor, salir), handled once here.
import { ActivityTypes, EndOfConversationCodes, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogContext,
  DialogTurnResult,
  DialogTurnStatus,
} from 'botbuilder-dialogs';
import { Clock } from '../src/domain/clock';
import { AuthSession, sessionStatus, touchSession } from '../src/domain/session';
import { HandoffStarter } from '../src/bot/ports';
import { repromptInnermost } from '../src/bot/repromptInnermost';
import { DialogIds } from './ids';
import type { IntentClassifier } from '../src/services/ports/intentClassifier';
import { hiddenMenu, MenuEntry, MenuShortcuts, visibleMenu } from './menu';
import { common } from './messages/common';
import { session as sessionTexts } from './messages/session';
import { understanding } from './messages/understanding';
import type { HelpPromptOptions } from './prompts/helpPromptOptions';
import { provideIntentClassifier } from './prompts/intentClassifierContext';
import { MenuPrompt, MenuPromptOptions } from './prompts/menuPrompt';
import { OptionsPrompt } from './prompts/optionsPrompt';
import { ACCEPT_SCORE, understandChoice } from './prompts/understandChoice';
import { normalize } from './validators';
import { Step, waterfall } from './waterfall';

export interface MainDialogDeps {
  clock: Clock;
  session: StatePropertyAccessor<AuthSession | undefined>;
  /** Feature dialogs; a menu entry whose dialog is missing says "pronto disponible". */
  features: Dialog[];
  handoff?: HandoffStarter;
  shortcuts?: MenuShortcuts;
  /** Understands free text at every question with options; without it only numbers and option words work. */
  intents?: IntentClassifier;
}

type Command = 'menu' | 'cancel' | 'help' | 'agent' | 'exit' | 'greeting';

const COMMANDS: Record<string, Command> = {
  menu: 'menu', 'menu principal': 'menu', 'volver al menu': 'menu', inicio: 'menu',
  cancelar: 'cancel', cancela: 'cancel',
  ayuda: 'help', help: 'help',
  asesor: 'agent', 'hablar con un asesor': 'agent', agente: 'agent',
  salir: 'exit', 'cerrar sesion': 'exit',
  // Greetings only matter at the menu (people say "hola" after the welcome); inside a task they are answers.
  hola: 'greeting', buenas: 'greeting', 'buenos dias': 'greeting', 'buenas tardes': 'greeting', 'buenas noches': 'greeting',
  'hola buenos dias': 'greeting', 'hola buenas tardes': 'greeting', 'hola buenas noches': 'greeting', hi: 'greeting',
};

export function recognizeCommand(text: string | undefined): Command | undefined {
  return text ? COMMANDS[normalize(text)] : undefined;
}

export interface MenuLoopOptions {
  /** Show the welcome before the menu (first turn of a conversation). */
  welcome?: boolean;
  /** Wait at the menu without showing it (an agent was just requested). */
  silent?: boolean;
  /** The message that started the conversation: "certificados" goes straight to that task. */
  firstText?: string;
  /** A task named by a shortcut at the menu. */
  shortcut?: MenuEntry;
}

interface MenuValues {
  /** The task chosen at the menu, kept while login runs in between. */
  entry: MenuEntry;
}

type MenuStep<R = unknown> = Step<MenuValues, R, MenuLoopOptions>;

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(DialogIds.main);
    this.addDialog(new MenuPrompt());
    for (const feature of deps.features) this.addDialog(feature);
    this.addDialog(
      waterfall<MenuValues, MenuLoopOptions>(DialogIds.menuLoop, [
        this.showMenuStep.bind(this),
        this.ensureLoginStep.bind(this),
        this.runTaskStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.initialDialogId = DialogIds.menuLoop;
  }

  /** Shows the welcome (first time) and the menu for the current login state, or skips to a task already named. */
  private async showMenuStep(step: MenuStep): Promise<DialogTurnResult> {
    const options = step.options;
    if (options.welcome) await step.context.sendActivity(common.welcome);
    const loggedIn = await this.activeSession(step.context);
    const entries = visibleMenu(loggedIn !== undefined);
    // Someone whose first words name a task gets it at once; a bare number means nothing before the menu.
    const hidden = hiddenMenu(loggedIn !== undefined);
    const named =
      options.shortcut ??
      (options.firstText ? this.deps.shortcuts?.(options.firstText) : undefined) ??
      (options.firstText && !/^\s*\d/.test(options.firstText) ? await this.namedTask(options.firstText, entries, hidden) : undefined);
    if (named) return step.next(named);
    const prompt: MenuPromptOptions = { menu: loggedIn !== undefined ? 'loggedIn' : 'loggedOut', silentFirst: options.silent };
    return step.prompt(DialogIds.menuPrompt, prompt);
  }

  /** The task a first message clearly names ("quiero un certificado de afiliación"); a mere guess does not count. */
  private async namedTask(text: string, entries: MenuEntry[], hidden: MenuEntry[]): Promise<MenuEntry | undefined> {
    const understood = await understandChoice({ text, options: entries, hidden, classifier: this.deps.intents });
    return understood.kind === 'match' ? understood.option : undefined;
  }

  /** Logs the affiliate in first when the chosen task needs it, so every task can rely on a session. */
  private async ensureLoginStep(step: MenuStep<MenuEntry>): Promise<DialogTurnResult> {
    const entry = step.result;
    step.values.entry = entry;
    if (entry.value === 'agent') return step.next(entry);
    if (entry.value === 'logout') return this.logout(step.context, step);
    if (!this.findDialog(entry.dialogId)) {
      await step.context.sendActivity(common.comingSoon(entry.title));
      return step.replaceDialog(DialogIds.menuLoop);
    }
    if (entry.requiresLogin && !(await this.activeSession(step.context))) {
      if (!this.findDialog(DialogIds.login)) {
        await step.context.sendActivity(common.comingSoon('Iniciar sesión'));
        return step.replaceDialog(DialogIds.menuLoop);
      }
      await step.context.sendActivity(sessionTexts.loginFirst);
      return step.beginDialog(DialogIds.login);
    }
    return step.next(entry);
  }

  /** Runs the chosen task (or asks for an agent); the login in between may have failed. */
  private async runTaskStep(step: MenuStep): Promise<DialogTurnResult> {
    const entry = step.values.entry;
    if (entry.value === 'agent') return this.requestAgent(step);
    if (entry.requiresLogin && !(await this.activeSession(step.context))) {
      // Login was cancelled or failed: back to the menu.
      return step.replaceDialog(DialogIds.menuLoop);
    }
    return step.beginDialog(entry.dialogId, entry.options);
  }

  /** The task ended, whatever its result: the menu again, as a fresh loop so the stack does not grow. */
  private async loopStep(step: MenuStep): Promise<DialogTurnResult> {
    return step.replaceDialog(DialogIds.menuLoop);
  }

  private async requestAgent(step: MenuStep): Promise<DialogTurnResult> {
    if (!this.deps.handoff) {
      await step.context.sendActivity(common.agentUnavailable);
      return step.replaceDialog(DialogIds.menuLoop);
    }
    await this.deps.handoff.requestAgent(step.context, 'user_request');
    return step.replaceDialog(DialogIds.menuLoop, { silent: true } satisfies MenuLoopOptions);
  }

  /** `salir` or "Cerrar sesión": the session ends, the conversation closes; the next message starts over. */
  private async logout(context: TurnContext, dc: DialogContext): Promise<DialogTurnResult> {
    await this.deps.session.delete(context);
    await dc.cancelAllDialogs();
    await context.sendActivity(common.goodbye);
    // Channels that can (the web chat page) start a fresh conversation on a clean screen for whoever comes next.
    await context.sendActivity({ type: ActivityTypes.EndOfConversation, code: EndOfConversationCodes.CompletedSuccessfully });
    return { status: DialogTurnStatus.complete };
  }

  /** The session when it is still valid; an expired one is removed. */
  private async activeSession(context: TurnContext): Promise<AuthSession | undefined> {
    const current = await this.deps.session.get(context);
    if (!current) return undefined;
    if (sessionStatus(current, this.deps.clock.now()) !== 'active' || !current.charterAccepted) return undefined;
    return current;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    provideIntentClassifier(innerDc.context, this.deps.intents);
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    provideIntentClassifier(innerDc.context, this.deps.intents);
    const interrupted = await this.interrupt(innerDc);
    if (interrupted) return interrupted;
    const courtesy = await this.answerCourtesy(innerDc);
    if (courtesy) return courtesy;
    return super.onContinueDialog(innerDc);
  }

  /**
   * "gracias", "chao", "buenas tardes señorita" at the menu get a short human answer, not "No entendí"
   * and the whole menu. Inside a task such words are answers to its question, so they pass.
   */
  private async answerCourtesy(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = innerDc.context.activity.text;
    if (!this.deps.intents || !text || innerDc.activeDialog?.id !== DialogIds.menuPrompt) return undefined;
    const [best] = await this.deps.intents.classify(text);
    if (!best || best.score < ACCEPT_SCORE) return undefined;
    switch (best.intent) {
      case 'greeting':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.menuLoop, { welcome: true } satisfies MenuLoopOptions);
      case 'thanks':
        await innerDc.context.sendActivity(understanding.thanks);
        return Dialog.EndOfTurn;
      case 'goodbye':
        await innerDc.context.sendActivity(understanding.goodbye);
        return Dialog.EndOfTurn;
      default:
        return undefined;
    }
  }

  /** Handles expired sessions, unsupported content and the global commands; undefined lets the step continue. */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const expired = await this.expireSession(innerDc);
    if (expired) return expired;

    const channelData: { unsupportedContent?: string } | undefined = context.activity.channelData;
    if (channelData?.unsupportedContent) {
      // A PDF that is too big is still a PDF: say what is wrong with it, not that we only read PDFs.
      await context.sendActivity(channelData.unsupportedContent === 'file_too_large' ? common.fileTooLarge : common.onlyTextAndPdf);
      await repromptInnermost(innerDc);
      return Dialog.EndOfTurn;
    }

    const command = recognizeCommand(context.activity.text) ?? (await this.asksForPerson(innerDc));
    switch (command) {
      case 'menu':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.menuLoop);
      case 'cancel': {
        // At the menu the stack is [menu prompt, menu loop]: anything else is a task in progress.
        const inTask = innerDc.activeDialog?.id !== DialogIds.menuPrompt;
        await context.sendActivity(inTask ? common.cancelled : common.nothingToCancel);
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.menuLoop);
      }
      case 'help':
        await context.sendActivity(this.currentHelp(innerDc) ?? common.helpGeneral);
        await repromptInnermost(innerDc);
        return Dialog.EndOfTurn;
      case 'agent':
        if (!this.deps.handoff) {
          await context.sendActivity(common.agentUnavailable);
          await repromptInnermost(innerDc);
          return Dialog.EndOfTurn;
        }
        // The task in progress stays on the stack, so the bot resumes it when the agent hands back.
        await this.deps.handoff.requestAgent(context, 'user_request');
        return Dialog.EndOfTurn;
      case 'greeting':
        if (innerDc.activeDialog?.id !== DialogIds.menuPrompt) return undefined;
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.menuLoop, { welcome: true } satisfies MenuLoopOptions);
      case 'exit':
        return this.logout(context, innerDc);
      default: {
        const shortcut = innerDc.activeDialog?.id === DialogIds.menuPrompt && context.activity.text ? this.deps.shortcuts?.(context.activity.text) : undefined;
        if (!shortcut) return undefined;
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.menuLoop, { shortcut } satisfies MenuLoopOptions);
      }
    }
  }

  /** Ends a session that has been idle or open too long; a task that needed it goes back to the menu. */
  private async expireSession(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const current = await this.deps.session.get(context);
    if (!current) return undefined;
    const now = this.deps.clock.now();
    const status = sessionStatus(current, now);
    if (status === 'active') {
      await this.deps.session.set(context, touchSession(current, now));
      return undefined;
    }
    await this.deps.session.delete(context);
    await context.sendActivity(status === 'idle_expired' ? sessionTexts.idleExpired : sessionTexts.absoluteExpired);
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(DialogIds.menuLoop);
  }

  /**
   * "quiero hablar con una persona" at a question with options that has no such option: the classifier
   * is sure it is a request for a person. Free-text questions are left alone (there it is an answer).
   */
  private async asksForPerson(innerDc: DialogContext): Promise<Command | undefined> {
    const text = innerDc.context.activity.text;
    if (!this.deps.intents || !text) return undefined;
    let leaf: DialogContext = innerDc;
    while (leaf.child) leaf = leaf.child;
    const active = leaf.activeDialog;
    const prompt = active && leaf.findDialog(active.id);
    if (!active || !(prompt instanceof OptionsPrompt)) return undefined;
    // A dialog's state is `any` in botbuilder; the check above proved this one is an OptionsPrompt's.
    const options = active.state?.options ? prompt.optionsFrom(active.state.options).options : [];
    if (options.some((o) => (o.intent ?? o.value) === 'agent')) return undefined;
    const [best] = await this.deps.intents.classify(text);
    return best?.intent === 'agent' && best.score >= ACCEPT_SCORE ? 'agent' : undefined;
  }

  /** The help text of the innermost active prompt, if it declared one. */
  private currentHelp(innerDc: DialogContext): string | undefined {
    let dc: DialogContext | undefined = innerDc;
    let help: string | undefined;
    while (dc) {
      const active = dc.activeDialog;
      const dialog = active && dc.findDialog(active.id);
      const stored: HelpPromptOptions | undefined = active?.state?.options;
      // An options prompt may keep a short form of its options (MenuPrompt): read them as it expands them.
      const options = stored && dialog instanceof OptionsPrompt ? dialog.optionsFrom(stored) : stored;
      if (options?.help) help = options.help;
      dc = dc.child;
    }
    return help;
  }
}
