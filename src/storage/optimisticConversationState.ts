// botbuilder's BotState.saveChanges always writes with eTag '*' (last write wins), so two turns that
// loaded the same state could both save and one would silently lose its changes. This ConversationState
// saves with the eTag it loaded: the second writer gets ETagConflictError instead. In one process turns
// are also serialised (src/bot/turnQueue.ts); this guards the case of several instances.
import { ConversationState, calculateChangeHash, type TurnContext } from 'botbuilder';
import { turnWritesOf } from '../bot/turnWritesMiddleware';
import type { KnexStorage } from './knexStorage';

interface Loaded {
  eTag?: string;
  hash: string;
}

// A state never stored yet is saved with an eTag no row can have: created only if still absent.
const NOT_STORED_YET = 'not-stored-yet';

export class OptimisticConversationState extends ConversationState {
  private readonly loadedKey = Symbol('optimisticConversationState.loaded');

  constructor(
    private readonly knexStorage: KnexStorage,
    namespace?: string,
  ) {
    super(knexStorage, namespace);
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const state = (await super.load(context, force)) as Record<string, unknown>;
    if (force || !context.turnState.has(this.loadedKey)) {
      const eTag = typeof state.eTag === 'string' ? state.eTag : undefined;
      context.turnState.set(this.loadedKey, { eTag, hash: this.hashOnLoad(context, state) } satisfies Loaded);
    }
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const loaded = context.turnState.get(this.loadedKey) as Loaded | undefined;
    let state = this.get(context) as Record<string, unknown> | undefined;
    const hash = state === undefined ? undefined : calculateChangeHash(state);
    const changed = state !== undefined && hash !== loaded?.hash;
    if (!force && !changed) return;
    if (!state) {
      await this.clear(context);
      state = this.get(context) as Record<string, unknown>;
    }
    const key = await this.storageKey(context);
    const item = { ...state, eTag: loaded?.eTag ?? NOT_STORED_YET };
    // The hash of what is written: a change made after this save is then still seen as unsaved.
    const savedHash = hash ?? calculateChangeHash(state);
    const batch = turnWritesOf(context);
    if (batch) {
      // Written with the turn's other changes after the turn; until then this turn counts it as saved.
      context.turnState.set(this.loadedKey, { eTag: loaded?.eTag, hash: savedHash } satisfies Loaded);
      const saved = state;
      batch.saveState(key, item).then(
        (eTag) => {
          saved.eTag = eTag;
          context.turnState.set(this.loadedKey, { eTag, hash: savedHash } satisfies Loaded);
        },
        // The commit's failure reaches the turn-error handler through the middleware.
        () => undefined,
      );
      return;
    }
    const eTags = await this.knexStorage.writeReturningETags({ [key]: item });
    state.eTag = eTags[key];
    context.turnState.set(this.loadedKey, { eTag: eTags[key], hash: savedHash } satisfies Loaded);
  }

  /**
   * The hash botbuilder's load has just computed of the same state (it keeps it with the state it caches
   * for the turn): serialising and hashing the whole state again costs every turn for nothing.
   */
  private hashOnLoad(context: TurnContext, state: Record<string, unknown>): string {
    const cached = context.turnState.get((this as unknown as BotStateInternals).stateKey) as { state?: unknown; hash?: unknown } | undefined;
    return cached?.state === state && typeof cached.hash === 'string' ? cached.hash : calculateChangeHash(state);
  }
}

/** botbuilder-core 4.23's BotState keeps the turn's state and its hash under this (private) key. */
interface BotStateInternals {
  stateKey: symbol;
}
