// Reads of single rows by key, coalesced: while one query is out, the keys asked for meanwhile wait and
// then go together in one `where key in (…)` query. Each turn starts by reading its bot state and its
// handoff; fifty conversations at once would otherwise be a hundred queries, each paying the engine's
// per-statement cost (a thread hop on SQLite, a round trip on PostgreSQL). A key asked for is always read
// by a query sent after the ask, so a reader sees every write that finished before it asked.

export type ManyReader<V> = (keys: string[]) => Promise<Map<string, V>>;

interface Asker<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

export class ReadCoalescer<V> {
  private readonly asked = new Map<string, Array<Asker<V>>>();
  private inFlight = 0;

  constructor(
    private readonly readMany: ManyReader<V>,
    /**
     * Queries out at once. One: measured on SQLite and PostgreSQL, bigger batches beat more of them in
     * flight (each statement costs both sides a wake-up; README, performance).
     */
    private readonly parallel = 1,
    /** Most keys in one query. */
    private readonly maxKeys = 200,
    /** A copy for each further asker of the same key, so no two askers share (and change) one value. */
    private readonly copy: (value: V) => V = (value) => structuredClone(value),
  ) {}

  read(key: string): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const askers = this.asked.get(key);
      if (askers) askers.push({ resolve, reject });
      else this.asked.set(key, [{ resolve, reject }]);
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.parallel && this.asked.size > 0) {
      const batch = new Map<string, Array<Asker<V>>>();
      for (const [key, askers] of this.asked) {
        if (batch.size >= this.maxKeys) break;
        batch.set(key, askers);
      }
      for (const key of batch.keys()) this.asked.delete(key);
      this.inFlight += 1;
      this.readMany([...batch.keys()])
        .then(
          (found) => {
            for (const [key, askers] of batch) {
              const value = found.get(key);
              askers.forEach((asker, i) => asker.resolve(i === 0 || value === undefined ? value : this.copy(value)));
            }
          },
          (error: unknown) => {
            for (const askers of batch.values()) for (const asker of askers) asker.reject(error);
          },
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}

