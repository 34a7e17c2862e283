// botbuilder's BotState.saveChanges always writes with eTag '*' (last write wins), so two turns that
// loaded the same state could both save and one would silently lose its changes. This ConversationState
// saves with the eTag it loaded: the second writer gets ETagConflictError instead. In one process turns
// are also serialised (src/bot/turnQueue.ts); this guards the case of several instances.
//
// Change detection: botbuilder hashes the whole state twice a turn (its own replacer-based stringify, then
// SHA-256), which was a sixth of a turn's CPU. Here the fingerprint is the state's JSON text from the
// native JSON.stringify — what the storage writes anyway (a state that JSON cannot write could not be
// saved either) — compared as text: no hash needed to tell "changed" from "not changed".
import { ConversationState, type TurnContext } from 'botbuilder';
import { turnWritesOf } from '../bot/turnWritesMiddleware';
import type { KnexStorage } from './knexStorage';

interface Loaded {
  eTag?: string;
  fingerprint: string;
}

/** What BotState keeps for the turn under its (private) stateKey; `hash` is our fingerprint here. */
interface Cached {
  state: Record<string, unknown>;
  hash: string;
}

// A state never stored yet is saved with an eTag no row can have: created only if still absent.
const NOT_STORED_YET = 'not-stored-yet';

/** The state as JSON text, without its eTag (which changes on every save and is not content). */
export function stateFingerprint(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...content } = state;
  return JSON.stringify(content);
}

export class OptimisticConversationState extends ConversationState {
  private readonly loadedKey = Symbol('optimisticConversationState.loaded');
  private readonly loadingKey = Symbol('optimisticConversationState.loading');

  constructor(
    private readonly knexStorage: KnexStorage,
    namespace?: string,
  ) {
    super(knexStorage, namespace);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const stateKey = (this as unknown as BotStateInternals).stateKey;
    const cached = context.turnState.get(stateKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    // A load already under way (the turn's preload, src/bot/turnPreloadMiddleware.ts) is shared.
    const pending = context.turnState.get(this.loadingKey) as Promise<Record<string, unknown>> | undefined;
    if (!force && pending) return pending;
    const loading = this.read(context, stateKey);
    context.turnState.set(this.loadingKey, loading);
    try {
      return await loading;
    } finally {
      if (context.turnState.get(this.loadingKey) === loading) context.turnState.delete(this.loadingKey);
    }
  }

  private async read(context: TurnContext, stateKey: symbol): Promise<Record<string, unknown>> {
    const key = await this.storageKey(context);
    const { item, storedText } = await this.knexStorage.readOne(key);
    const state = (item ?? {}) as Record<string, unknown>;
    // The stored text is the JSON text this class wrote (stateFingerprint's), so it needs no second
    // serialisation; where it differs in form only, the state is written once more, nothing is lost.
    const fingerprint = storedText ?? stateFingerprint(state);
    // As BotState.load keeps it, so property accessors and clear() work unchanged.
    context.turnState.set(stateKey, { state, hash: fingerprint } satisfies Cached);
    const eTag = typeof state.eTag === 'string' ? state.eTag : undefined;
    context.turnState.set(this.loadedKey, { eTag, fingerprint } satisfies Loaded);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const loaded = context.turnState.get(this.loadedKey) as Loaded | undefined;
    let state = this.get(context) as Record<string, unknown> | undefined;
    const fingerprint = state === undefined ? undefined : stateFingerprint(state);
    const changed = state !== undefined && fingerprint !== loaded?.fingerprint;
    if (!force && !changed) return;
    if (!state) {
      await this.clear(context);
      state = this.get(context) as Record<string, unknown>;
    }
    const key = await this.storageKey(context);
    const item = { ...state, eTag: loaded?.eTag ?? NOT_STORED_YET };
    // The fingerprint of what is written: a change made after this save is then still seen as unsaved.
    const savedFingerprint = fingerprint ?? stateFingerprint(state);
    const batch = turnWritesOf(context);
    if (batch) {
      // Written with the turn's other changes after the turn; until then this turn counts it as saved.
      context.turnState.set(this.loadedKey, { eTag: loaded?.eTag, fingerprint: savedFingerprint } satisfies Loaded);
      const saved = state;
      batch.saveState(key, item).then(
        (eTag) => {
          saved.eTag = eTag;
          context.turnState.set(this.loadedKey, { eTag, fingerprint: savedFingerprint } satisfies Loaded);
        },
        // The commit's failure reaches the turn-error handler through the middleware.
        () => undefined,
      );
      return;
    }
    const eTags = await this.knexStorage.writeReturningETags({ [key]: item });
    state.eTag = eTags[key];
    context.turnState.set(this.loadedKey, { eTag: eTags[key], fingerprint: savedFingerprint } satisfies Loaded);
  }
}

/** botbuilder-core 4.23's BotState keeps the turn's state and its hash under this (private) key. */
interface BotStateInternals {
  stateKey: symbol;
}
