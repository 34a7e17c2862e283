// Live updates for the console's server-sent events. In process: the instance that serves the console
// sees every change it makes; with several instances, put the console behind one of them (or swap this
// for a PostgreSQL LISTEN/NOTIFY bus implementing the same port).
import { EventEmitter } from 'node:events';
import type { HandoffEventBus, HandoffLiveEvent } from '../services/ports/handoff';

export class InMemoryHandoffEventBus implements HandoffEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open console tab.
    this.emitter.setMaxListeners(0);
  }

  publish(event: HandoffLiveEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: HandoffLiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
