// How instances of the app agree when several run on one database: a lock per conversation turn, claims
// on periodic work, one leader for what may run only once (whatsapp-web.js), and signals between them
// (replies to the instance holding a client's stream, console events). SQLite runs one instance: the
// in-process implementation is enough there; PostgreSQL uses advisory locks and LISTEN/NOTIFY.
export interface Coordination {
  /** True when other instances may share the database (signals and locks then cross processes). */
  readonly acrossInstances: boolean;
  /** Runs fn while this instance holds the cluster-wide lock of key; waits for it. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Runs fn only when no instance holds key now; `{ran: false}` otherwise (the other one is doing it). */
  tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /**
   * Calls onLead once this instance holds key, and keeps it until stop() or the process dies (then another
   * instance's attempt, every retryMs, takes over).
   */
  lead(key: string, onLead: () => Promise<void>, options?: { retryMs?: number }): Leadership;
  /** Sends a signal to every instance (this one included) listening on the topic. Payload ≤ 7,000 bytes. */
  notify(topic: string, payload: string): Promise<void>;
  listen(topic: string, handler: (payload: string) => void): () => void;
  close(): Promise<void>;
}

export interface Leadership {
  readonly leading: boolean;
  stop(): Promise<void>;
}
