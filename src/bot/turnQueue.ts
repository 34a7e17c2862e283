// One writer per conversation: turns of the same conversation run one after another, so two quick
// messages never load the same state and overwrite each other (DESIGN rule 6). Across instances the
// Knex storage's eTag check refuses the stale write.
import { Middleware, TurnContext } from 'botbuilder';

export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs task after every earlier task of the same key has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await task();
    } finally {
      release();
      // Forget the key when nobody queued behind us, so the map does not grow forever.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  get pendingKeys(): number {
    return this.tails.size;
  }
}

export class SerializeTurnsMiddleware implements Middleware {
  constructor(private readonly queue = new KeyedSerialQueue()) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    await this.queue.run(key, next);
  }
}
