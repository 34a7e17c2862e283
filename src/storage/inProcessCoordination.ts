// Coordination for one instance (SQLite, tests): turns are already serialised by the in-process queue,
// locks are a set of names, this instance always leads, and signals stay in the process.
import { EventEmitter } from 'node:events';
import type { Coordination, Leadership } from '../services/ports/coordination';

export class InProcessCoordination implements Coordination {
  readonly acrossInstances = false;
  private readonly held = new Set<string>();
  private readonly signals = new EventEmitter().setMaxListeners(0);

  async withLock<T>(_key: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.held.has(key)) return { ran: false };
    this.held.add(key);
    try {
      return { ran: true, value: await fn() };
    } finally {
      this.held.delete(key);
    }
  }

  lead(_key: string, onLead: () => Promise<void>): Leadership {
    const state = { leading: true };
    const started = onLead();
    return {
      get leading() {
        return state.leading;
      },
      async stop() {
        state.leading = false;
        await started;
      },
    };
  }

  async notify(topic: string, payload: string): Promise<void> {
    this.signals.emit(topic, payload);
  }

  listen(topic: string, handler: (payload: string) => void): () => void {
    this.signals.on(topic, handler);
    return () => this.signals.off(topic, handler);
  }

  async close(): Promise<void> {
    this.signals.removeAllListeners();
  }
}
