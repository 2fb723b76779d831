/**
 * Natural batching of one kind of write (group commit in the application): items submitted while the
 * database is busy with earlier batches wait, and go together in the next one, one statement and one
 * commit for all of them. An item that arrives when fewer than `maxInFlight` batches are out goes at
 * once, alone, so at low load nothing waits; under load the batches grow by themselves with the time a
 * commit takes. Each item's promise settles with its own result, only after its batch's commit.
 *
 * `keyOf`: two items of one key never share a batch, nor go while another batch of this process holds
 * that key (for statements that may touch a key's row once only, such as an upsert, and so that two
 * batches of one process never wait on each other's row locks). Items keep their order within a key.
 * The queue is not bounded here: what waits is bounded by the requests the server holds open, and
 * taking a batch is one pass over it (many items of one key then cost a pass each, microseconds at
 * the hundreds a web process holds).
 */
export type BatcherOptions<I> = {
  maxInFlight: number;
  maxBatch: number;
  keyOf: (item: I) => string;
};

type Waiting<I, O> = { item: I; key: string; resolve: (o: O) => void; reject: (e: unknown) => void };

export class Batcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private readonly held = new Set<string>();
  private inFlight = 0;
  /** Batches sent and items in them since the start (for tests and benchmarks). */
  readonly stats = { batches: 0, items: 0, largest: 0 };

  /** `run` gets one batch and answers one result per item, in order (or throws for all of them). */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly opts: BatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, key: this.opts.keyOf(item), resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return; // every waiting key is held by a batch out now
      this.send(batch);
    }
  }

  /** The next batch: the oldest waiting items, one per key, none of a key a batch out now holds. */
  private take(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    let kept = 0;
    for (let i = 0; i < this.queue.length; i++) {
      const w = this.queue[i]!;
      if (batch.length < this.opts.maxBatch && !keys.has(w.key) && !this.held.has(w.key)) {
        batch.push(w);
        keys.add(w.key);
      } else {
        // A later item of a key already taken also stays, so a key's items keep their order.
        keys.add(w.key);
        this.queue[kept++] = w;
      }
    }
    this.queue.length = kept;
    return batch;
  }

  private send(batch: Waiting<I, O>[]) {
    this.inFlight++;
    for (const w of batch) this.held.add(w.key);
    this.stats.batches++;
    this.stats.items += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    const done = () => {
      for (const w of batch) this.held.delete(w.key);
      this.inFlight--;
      this.pump();
    };
    let out: Promise<O[]>;
    try {
      out = this.run(batch.map((w) => w.item));
    } catch (e) {
      out = Promise.reject(e);
    }
    out.then(
      (results) => {
        done();
        if (results.length !== batch.length)
          throw new Error(`batcher: ${results.length} results for a batch of ${batch.length}`);
        batch.forEach((w, i) => w.resolve(results[i]!));
      },
      (e: unknown) => {
        done();
        for (const w of batch) w.reject(e);
      },
    ).catch((e: unknown) => {
      for (const w of batch) w.reject(e);
    });
  }
}
