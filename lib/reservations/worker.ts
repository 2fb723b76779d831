import { sql as dsql } from "drizzle-orm";
import type postgres from "postgres";
import type { Db } from "@/db/client";
import { REQUESTS_CHANNEL } from "./events";
import { batchGapMs, batchSize, graceMs } from "./decide-batch";
import { PAYMENT_IN_FLIGHT } from "./expire-holds";
import { settleReservable, type SettleResult } from "./settle-reservable";

export type WorkerOptions = {
  db: Db;
  /** The driver, for LISTEN (postgres-js keeps a dedicated connection for it and reconnects). */
  sql: postgres.Sql;
  /** Reservables settled at once by this worker (each on its own connection). */
  concurrency?: number;
  /** The safety-net sweep: finds work a lost notification or a crashed worker left behind. */
  sweepMs?: number;
  graceMs?: number;
  batchSize?: number;
  /**
   * The least time between two batches of one reservable after one that stopped at the grace window
   * (notifications of newer requests do not shorten it). Under a steady stream the next request is
   * always a moment from ready, and every batch is a transaction, a commit and a notification to the
   * live views: without a gap the worker would settle every few milliseconds (ADR 0004).
   */
  batchGapMs?: number;
  log?: (m: string) => void;
  onSettled?: (reservableId: string, r: SettleResult) => void;
};

/**
 * Which reservables have work now, or within `horizonMs`: pending requests, holds running out,
 * waiting lists to serve or close. `at` is when to look (now, or when the first hold runs out).
 */
export async function findWork(db: Db, horizonMs = 0): Promise<{ id: string; at: Date }[]> {
  const rows = await db.execute<{ id: string; at: string | Date }>(dsql`
    select reservable_id as id, now() as at from reservations where status = 'pending' group by reservable_id
    union all
    select reservable_id, min(hold_expires_at) from reservations
      where status = 'confirmed' and hold_expires_at <= now() + make_interval(secs => ${horizonMs / 1000})
        and not exists (${PAYMENT_IN_FLIGHT})
      group by reservable_id
    union all
    select w.reservable_id, now() from waitlist_entries w join reservables r on r.id = w.reservable_id
      where w.status = 'waiting' and (r.status = 'cancelled' or r.starts_at <= now() or r.taken < r.capacity)
      group by w.reservable_id`);
  return rows.map((r) => ({ id: r.id, at: new Date(r.at) }));
}

/**
 * The reservation worker: wakes on NOTIFY of new requests (after the grace window), sweeps every
 * second as a safety net, and settles reservables in parallel, several at a time, never waiting on a
 * row another worker holds. Several worker processes can run against one database.
 */
export class ReservationWorker {
  private readonly due = new Map<string, number>();
  /** A reservable whose last batch waited on the grace window starts no sooner than this (batchGapMs). */
  private readonly notBefore = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private stopped = false;
  private readonly o: Required<Omit<WorkerOptions, "onSettled">> & Pick<WorkerOptions, "onSettled">;

  constructor(opts: WorkerOptions) {
    this.o = {
      concurrency: Number(process.env.RESERVATION_WORKER_CONCURRENCY ?? 4),
      sweepMs: 1000,
      graceMs: graceMs(),
      batchSize: batchSize(),
      batchGapMs: batchGapMs(),
      log: () => {},
      ...opts,
    };
  }

  async start() {
    const listener = await this.o.sql.listen(
      REQUESTS_CHANNEL,
      (id) => this.schedule(id, this.o.graceMs),
      () => void this.sweep(),
    );
    this.unlisten = listener.unlisten;
    this.sweepTimer = setInterval(() => void this.sweep(), this.o.sweepMs);
    await this.sweep();
  }

  /** Stops taking work and waits for the transactions in flight to finish. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.unlisten?.().catch(() => {});
    await Promise.allSettled([...this.running.values()]);
  }

  private async sweep() {
    if (this.stopped) return;
    try {
      const now = Date.now();
      for (const w of await findWork(this.o.db, this.o.sweepMs))
        this.schedule(w.id, Math.max(0, w.at.getTime() - now));
    } catch (e) {
      if (!this.stopped) this.o.log(`sweep failed: ${String(e)}`);
    }
  }

  private schedule(id: string, inMs: number) {
    if (this.stopped) return;
    const at = Date.now() + inMs;
    const cur = this.due.get(id);
    if (cur === undefined || at < cur) this.due.set(id, at);
    this.pump();
  }

  /** Starts what is due, up to the concurrency, and arms a timer for the next one. */
  private pump() {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    let next = Infinity;
    for (const [id, due] of [...this.due.entries()].sort((a, b) => a[1] - b[1])) {
      if (this.running.has(id)) continue;
      const gap = this.notBefore.get(id);
      if (gap !== undefined && gap <= now) this.notBefore.delete(id);
      // A notification of a new request schedules it at its own time; the gap still holds.
      const at = gap !== undefined && gap > due ? gap : due;
      if (at > now) {
        next = Math.min(next, at);
        continue;
      }
      if (this.running.size >= this.o.concurrency) break;
      this.due.delete(id);
      this.running.set(id, this.run(id));
    }
    if (next !== Infinity) this.timer = setTimeout(() => this.pump(), Math.max(1, next - now));
  }

  private async run(id: string) {
    try {
      const r = await settleReservable(this.o.db, id, { limit: this.o.batchSize, graceMs: this.o.graceMs });
      this.o.onSettled?.(id, r);
      // Skipped: someone holds the row (another worker settling it, or a cancellation). Look once more
      // a little later; with nothing left to do that costs one query.
      if (r.skipped) this.schedule(id, 250);
      else if (r.more) this.schedule(id, 0);
      else if (r.retryInMs !== null) {
        if (r.decided > 0) this.notBefore.set(id, Date.now() + this.o.batchGapMs);
        this.schedule(id, r.retryInMs);
      }
    } catch (e) {
      if (!this.stopped) {
        this.o.log(`settling ${id} failed (will retry): ${String(e)}`);
        this.schedule(id, 1000);
      }
    } finally {
      this.running.delete(id);
      this.pump();
    }
  }
}

/**
 * For tests and the benchmark: settles everything that has work until nothing is pending (the same
 * settle as the worker, `workers` loops in parallel, without LISTEN).
 */
export async function settleUntilIdle(
  db: Db,
  opts: { graceMs?: number; limit?: number; parallel?: number; timeoutMs?: number } = {},
) {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const work = (await findWork(db)).filter((w) => w.at.getTime() <= Date.now() + 5);
    if (work.length === 0) return;
    if (Date.now() > deadline) throw new Error("settleUntilIdle: timed out");
    const queue = [...new Set(work.map((w) => w.id))];
    let waited = false;
    let progress = false;
    await Promise.all(
      Array.from({ length: opts.parallel ?? 4 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const r = await settleReservable(db, id, { graceMs: opts.graceMs ?? 0, limit: opts.limit });
          if (r.retryInMs !== null || r.skipped) waited = true;
          if (r.decided + r.expired + r.offered + r.closed > 0) progress = true;
        }
      }),
    );
    if (!progress && !waited) return; // only work that cannot move (a waiting entry too big for the room left)
    if (waited) await new Promise((r) => setTimeout(r, 20));
  }
}
