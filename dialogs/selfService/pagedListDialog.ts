// Long lists in chat, a few entries at a time: "Ver más" shows the next page; a filterable list also
// offers "Buscar por servicio" and ends with the text to filter by, so the caller can query again.
import { ComponentDialog, DialogTurnResult, TextPrompt } from 'botbuilder-dialogs';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { textPrompt } from './promptOptions';

export const PAGED_LIST_DIALOG = 'selfService.pagedList';
export const PAGE_SIZE = 3;

/** Plain data: dialog options are stored with the conversation state. */
export interface PagedListOptions {
  title: string;
  items: string[];
  offset?: number;
  pageSize?: number;
  filterable?: boolean;
  /** A filter is applied: offer to see everything again. */
  filtered?: boolean;
}

export type PagedListResult = { action: 'done' } | { action: 'filter'; text: string };

const CHOICE = 'selfService.pagedList.choice';
const FILTER = 'selfService.pagedList.filter';
const STEPS = 'selfService.pagedList.steps';

type PageAction = 'more' | 'filter' | 'all' | 'done';
type PageStep<R = unknown> = Step<object, R, PagedListOptions>;

export class PagedListDialog extends ComponentDialog<PagedListOptions> {
  constructor() {
    super(PAGED_LIST_DIALOG);
    this.addDialog(new OptionsPrompt(CHOICE));
    this.addDialog(new TextPrompt(FILTER, async (p) => (p.recognized.value ?? '').trim().length >= 3));
    this.addDialog(waterfall<object, PagedListOptions>(STEPS, [this.showPageStep.bind(this), this.actStep.bind(this), this.filterStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Sends one page, then asks what next when there is anything else to do. */
  private async showPageStep(step: PageStep): Promise<DialogTurnResult> {
    const o = step.options;
    const offset = o.offset ?? 0;
    const size = o.pageSize ?? PAGE_SIZE;
    const page = o.items.slice(offset, offset + size);
    const to = offset + page.length;
    if (page.length > 0) {
      await step.context.sendActivity(`${texts.pageHeader(o.title, offset + 1, to, o.items.length)}\n\n${page.join('\n\n')}`);
    }
    const options: ChoiceOption<PageAction>[] = [];
    if (to < o.items.length) options.push({ value: 'more', title: texts.pageMore, synonyms: ['mas', 'siguiente', 'más'] });
    if (o.filterable) options.push({ value: 'filter', title: texts.pageFilter, synonyms: ['buscar', 'filtrar'] });
    if (o.filtered) options.push({ value: 'all', title: texts.pageAll, synonyms: ['todas', 'todo'] });
    if (options.length === 0) return step.endDialog({ action: 'done' } satisfies PagedListResult);
    options.push({ value: 'done', title: texts.pageDone, synonyms: ['listo', 'terminar', 'nada', 'gracias'] });
    const prompt: OptionsPromptOptions = { question: texts.pageQuestion, options, help: texts.pageHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** The next page (a restart with a later offset), the search question, or the end with what to do. */
  private async actStep(step: PageStep<ChoiceOption<PageAction>>): Promise<DialogTurnResult> {
    const o = step.options;
    switch (step.result.value) {
      case 'more':
        return step.replaceDialog(STEPS, { ...o, offset: (o.offset ?? 0) + (o.pageSize ?? PAGE_SIZE) } satisfies PagedListOptions);
      case 'filter':
        return step.prompt(FILTER, textPrompt(texts.askFilter, texts.askFilterRetry, texts.askFilterHelp));
      case 'all':
        return step.endDialog({ action: 'filter', text: '' } satisfies PagedListResult);
      default:
        return step.endDialog({ action: 'done' } satisfies PagedListResult);
    }
  }

  /** Ends with the text to search for: the caller queries again. */
  private async filterStep(step: PageStep<string>): Promise<DialogTurnResult> {
    return step.endDialog({ action: 'filter', text: step.result.trim() } satisfies PagedListResult);
  }
}
