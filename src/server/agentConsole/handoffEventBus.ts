// Live updates for the console's server-sent events. In process for one instance (SQLite); across
// instances on PostgreSQL through signals (LISTEN/NOTIFY), below.
import { EventEmitter } from 'node:events';
import type { Coordination } from '../../services/ports/coordination';
import type { HandoffEventBus, HandoffLiveEvent } from '../../services/ports/handoff';

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

const TOPIC = 'handoff-events';
/** Room left for the envelope inside a signal's payload limit. */
const MAX_TEXT_CHARS = 2000;

/**
 * Console live events across instances: published as a signal (PostgreSQL NOTIFY) that every instance,
 * this one included, receives and hands to its own open consoles. An agent signed in on one instance
 * sees the queue change and the user's messages whichever instance ran the turn.
 */
export class SignalledHandoffEventBus implements HandoffEventBus {
  private readonly local = new InMemoryHandoffEventBus();
  private readonly unlisten: () => void;

  constructor(
    private readonly signals: Pick<Coordination, 'notify' | 'listen'>,
    private readonly onError: (error: Error) => void,
  ) {
    this.unlisten = signals.listen(TOPIC, (payload) => {
      try {
        this.local.publish(JSON.parse(payload, reviveInstants) as HandoffLiveEvent);
      } catch (error) {
        this.onError(error as Error);
      }
    });
  }

  publish(event: HandoffLiveEvent): void {
    void this.signals.notify(TOPIC, JSON.stringify(fitting(event))).catch((error: unknown) => this.onError(error as Error));
  }

  subscribe(listener: (event: HandoffLiveEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  close(): void {
    this.unlisten();
  }
}

/** A long message is shortened in the live event only; the console's transcript shows it whole. */
function fitting(event: HandoffLiveEvent): HandoffLiveEvent {
  if (event.type !== 'message' || (event.entry.text?.length ?? 0) <= MAX_TEXT_CHARS) return event;
  return { ...event, entry: { ...event.entry, text: `${event.entry.text!.slice(0, MAX_TEXT_CHARS)}…` } };
}

/** Handoff and transcript instants (`…At`, `at`) come back as Dates. */
function reviveInstants(key: string, value: unknown): unknown {
  if (typeof value === 'string' && (key === 'at' || key.endsWith('At')) && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value);
  return value;
}
