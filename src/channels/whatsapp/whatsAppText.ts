// How a channel-neutral message reads on WhatsApp: the text, then its suggested actions as a numbered
// list (WhatsApp Web has no working buttons; the Cloud API uses this past its list limits). Our texts
// already use WhatsApp's own *bold*; the few Markdown forms other channels use are converted here.
import { Activity, CardAction } from 'botbuilder';

export interface ChoiceItem {
  /** What the user sees. */
  title: string;
  /** What the user "says" when picking it (imBack value), the title when absent. */
  value: string;
}

/** The suggested actions of an activity as plain choices (only those that send text back). */
export function choicesOf(activity: Partial<Activity>): ChoiceItem[] {
  const actions: CardAction[] = activity.suggestedActions?.actions ?? [];
  return actions
    .filter((a) => a.type === 'imBack' || a.type === 'postBack' || a.type === 'messageBack')
    .map((a) => {
      const title = String(a.title ?? a.value ?? '').trim();
      const value = typeof a.value === 'string' && a.value.trim() !== '' ? a.value.trim() : title;
      return { title, value };
    })
    .filter((c) => c.title !== '');
}

/** Converts the Markdown that other channels understand into WhatsApp's formatting. */
export function toWhatsAppMarkdown(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/__(.+?)__/g, '_$1_')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)');
}

export function numberedList(choices: readonly ChoiceItem[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
}

/** The whole message as text: body, a blank line, then "1. …" per option. */
export function numberedText(activity: Partial<Activity>): string {
  const body = toWhatsAppMarkdown(activity.text ?? '').trim();
  const choices = choicesOf(activity);
  if (choices.length === 0) return body;
  return body ? `${body}\n\n${numberedList(choices)}` : numberedList(choices);
}

/**
 * Cuts a long text into pieces of at most maxLength characters, preferring paragraph, then line, then
 * word boundaries, so that no piece is refused by the channel's length limit.
 */
export function splitText(text: string, maxLength: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxLength) {
    const window = rest.slice(0, maxLength);
    let cut = Math.max(window.lastIndexOf('\n\n'), 0);
    if (cut < maxLength / 2) cut = window.lastIndexOf('\n');
    if (cut < maxLength / 2) cut = window.lastIndexOf(' ');
    if (cut < maxLength / 2) cut = maxLength;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
