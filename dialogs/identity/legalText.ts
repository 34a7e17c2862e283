// How a legal text appears in chat: an intro, the summary as bullet lines, and the link to the full text.
import type { LegalDocument } from '../../src/domain/consentTexts';
import { identity } from '../messages/identity';
import type { ChoiceOption } from '../validators';

export function legalSummary(intro: string, document: LegalDocument, link: string): string {
  return [intro, ...document.summary.map((line) => `• ${line}`), link].join('\n');
}

/** "1. Sí, acepto / 2. No acepto", also answered with sí/no and their usual synonyms. */
export function acceptOptions(): ChoiceOption[] {
  return [
    { value: 'accept', title: identity.acceptOption, synonyms: ['si', 'acepto', 'claro', 'de acuerdo', 'ok', 'autorizo', 'confirmo'] },
    { value: 'decline', title: identity.declineOption, synonyms: ['no', 'no autorizo', 'no acepto', 'no confirmo'] },
  ];
}
