// One writer per conversation: turns of the same conversation run one after another, so two quick messages
// never load the same state and overwrite each other (docs/architecture.md, How a turn runs). Across
// instances the Knex storage's eTag check refuses the stale write.
import { Middleware, TurnContext } from 'botbuilder';

/** A conversation already has as many turns waiting as the queue holds for one key. */
export class TurnQueueFullError extends Error {
  constructor() {
    super('too many turns waiting for this conversation');
    this.name = 'TurnQueueFullError';
  }
}

export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, number>();

  /**
   * A sender that floods one conversation (WhatsApp messages arrive whether we are ready or not) would
   * otherwise queue turns, each holding its activity, without end.
   */
  constructor(private readonly maxWaitingPerKey = 50) {}

  /** Runs task after every earlier task of the same key has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key) ?? 0;
    if (waiting >= this.maxWaitingPerKey) throw new TurnQueueFullError();
    this.waiting.set(key, waiting + 1);
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await task();
    } finally {
      const left = (this.waiting.get(key) ?? 1) - 1;
      if (left > 0) this.waiting.set(key, left);
      else this.waiting.delete(key);
      release();
      // Forget the key when nobody queued behind us, so the map does not grow forever.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  get pendingKeys(): number {
    return this.tails.size;
  }
}

/** Holds a conversation across instances (a PostgreSQL advisory lock); absent with one instance. */
export interface ConversationLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export class SerializeTurnsMiddleware implements Middleware {
  constructor(
    private readonly queue = new KeyedSerialQueue(),
    private readonly acrossInstances?: ConversationLock,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    // In process first, so at most one turn per conversation per instance waits on the shared lock.
    const lock = this.acrossInstances;
    await this.queue.run(key, lock ? () => lock.withLock(`turn:${key}`, next) : next);
  }
}
