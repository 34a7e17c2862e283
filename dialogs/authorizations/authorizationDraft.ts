// What the authorization flow has collected, how a correction clears one answer, and the key that
// makes one confirmation file one request.
import { createHash } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { ChosenFamilyMember } from '../family/chooseFamilyMemberDialog';
import { ChosenPlace } from './choosePlaceDialog';
import { CollectedSupport } from './collectSupportsDialog';
import { ConfirmRequestChoice } from './confirmRequestDialog';

/** Everything answered so far; passed along when the flow restarts for a correction. */
export interface AuthorizationDraft {
  member?: ChosenFamilyMember;
  contactConfirmed?: boolean;
  place?: ChosenPlace;
  /** The user asked to change the municipality: do not propose the record's again. */
  typePlace?: boolean;
  observation?: string;
  supports?: CollectedSupport[];
}

/** The draft without the answer to correct; every other answer is kept. */
export function withoutAnswer(draft: AuthorizationDraft, what: Exclude<ConfirmRequestChoice, 'send'>): AuthorizationDraft {
  const next: AuthorizationDraft = { ...draft };
  if (what === 'place') {
    delete next.place;
    next.typePlace = true;
  }
  if (what === 'observation') delete next.observation;
  if (what === 'supports') delete next.supports;
  return next;
}

/**
 * One filing per confirmation: the same conversation and waterfall instance give the same key, so a
 * retried turn or a second tap on "Enviar solicitud" finds the first filing instead of making another.
 */
export function filingKey(context: TurnContext, waterfallInstanceId: string): string {
  const { channelId, conversation } = context.activity;
  return `aut:${createHash('sha256').update(`${channelId}|${conversation?.id ?? ''}|${waterfallInstanceId}`).digest('hex')}`;
}

/**
 * Every staged support id kept anywhere in a dialog's state (the draft, or the list being collected):
 * when the flow is abandoned (cancelar, menú, salir, session expiry) their bytes are deleted at once.
 */
export function stagedIdsIn(state: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [state];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value && typeof value === 'object') {
      const { stagedId } = value as { stagedId?: unknown };
      if (typeof stagedId === 'string') found.add(stagedId);
      stack.push(...Object.values(value));
    }
  }
  return [...found];
}
