// How an activity goes out on the Cloud API (docs/conversation-conventions.md, Options): reply buttons when
// there are at most 3 short options, an interactive list up to 10, numbered text beyond Meta's limits. Each
// button or row carries the option's value as its id, so tapping it reads exactly like typing that answer.
import { Activity } from 'botbuilder';
import { CLOUD_LIMITS, CloudMessage, ListRow } from '../../integrations/whatsappCloud/cloudMessages';
import { ChoiceItem, choicesOf, numberedText, splitText, toWhatsAppMarkdown } from './whatsAppText';

export const LIST_BUTTON_LABEL = 'Ver opciones';
export const LIST_SECTION_TITLE = 'Opciones';
export const DEFAULT_CHOICE_BODY = 'Elige una opción:';
/** Prefix of the ids used when an option's value cannot be its id (too long, repeated). */
export const NUMBERED_ID_PREFIX = 'opcion:';

export function renderCloudMessages(activity: Partial<Activity>): CloudMessage[] {
  const choices = choicesOf(activity);
  const body = toWhatsAppMarkdown(activity.text ?? '').trim();
  if (choices.length > 0) {
    const interactive = interactiveFor(body || DEFAULT_CHOICE_BODY, choices);
    if (interactive) return [interactive];
  }
  const text = choices.length > 0 ? numberedText(activity) : body;
  return text ? splitText(text, CLOUD_LIMITS.textBody).map((piece) => ({ type: 'text', text: { body: piece } })) : [];
}

/** The text a tap on a button or row stands for: the option's value, or its number. */
export function answerFromReplyId(id: string): string {
  return id.startsWith(NUMBERED_ID_PREFIX) ? id.slice(NUMBERED_ID_PREFIX.length) : id;
}

function interactiveFor(body: string, choices: ChoiceItem[]): CloudMessage | undefined {
  const fitsButtons =
    choices.length <= CLOUD_LIMITS.maxButtons &&
    body.length <= CLOUD_LIMITS.buttonsBody &&
    choices.every((c) => c.title.length <= CLOUD_LIMITS.buttonTitle);
  if (fitsButtons) {
    const ids = optionIds(choices, CLOUD_LIMITS.buttonId);
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: { buttons: choices.map((c, i) => ({ type: 'reply', reply: { id: ids[i], title: c.title } })) },
      },
    };
  }
  if (choices.length <= CLOUD_LIMITS.maxRows && body.length <= CLOUD_LIMITS.listBody) {
    const ids = optionIds(choices, CLOUD_LIMITS.rowId);
    const rows: ListRow[] = choices.map((c, i) => {
      const row: ListRow = { id: ids[i], title: cut(c.title, CLOUD_LIMITS.rowTitle) };
      // A title cut to 24 characters is shown whole underneath.
      if (c.title.length > CLOUD_LIMITS.rowTitle) row.description = cut(c.title, CLOUD_LIMITS.rowDescription);
      return row;
    });
    return {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: body },
        action: { button: LIST_BUTTON_LABEL, sections: [{ title: LIST_SECTION_TITLE, rows }] },
      },
    };
  }
  return undefined;
}

/** Values as ids when they all fit and differ; otherwise the option numbers (which prompts also accept). */
function optionIds(choices: ChoiceItem[], maxLength: number): string[] {
  const values = choices.map((c) => c.value);
  const usable =
    values.every((v) => v.length > 0 && v.length <= maxLength && !v.startsWith(NUMBERED_ID_PREFIX)) && new Set(values).size === values.length;
  return usable ? values : choices.map((_, i) => `${NUMBERED_ID_PREFIX}${i + 1}`);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
