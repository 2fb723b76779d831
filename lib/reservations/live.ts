import type postgres from "postgres";
import { createListener, getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { requireStaff } from "./access";
import { CHANGES_CHANNEL, REQUESTS_CHANNEL } from "./events";
import {
  managedReservables,
  reservationsForLive,
  waitlistReservableIds,
  type ReservationView,
} from "./queries";

/**
 * Live status, fed by LISTEN/NOTIFY: ONE listening connection per server process, fanned out in memory
 * to the open server-sent-event streams. Notifications are coalesced for a moment, so a launch-day
 * burst costs each stream one query per tick, not one per request. Several app instances each listen
 * for themselves; nothing is kept between requests but these open streams.
 */
type Batch = { changed: Set<string>; requested: Set<string> };
type Subscriber = (b: Batch) => void;

const TICK_MS = 100;

class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private batch: Batch = { changed: new Set(), requested: new Set() };
  private timer: NodeJS.Timeout | null = null;
  private listening: Promise<void> | null = null;
  private client: postgres.Sql | null = null;

  /** `connect` opens the listening client: on DATABASE_DIRECT_URL, since a transaction pooler cannot carry LISTEN. */
  constructor(private readonly connect: () => postgres.Sql) {}

  async subscribe(fn: Subscriber): Promise<() => void> {
    this.subscribers.add(fn);
    this.listening ??= this.listen().catch((e) => {
      this.listening = null;
      throw e;
    });
    await this.listening;
    return () => {
      this.subscribers.delete(fn);
    };
  }

  private async listen() {
    const sql = (this.client ??= this.connect());
    await sql.listen(CHANGES_CHANNEL, (id) => this.add("changed", id));
    await sql.listen(REQUESTS_CHANNEL, (id) => this.add("requested", id));
  }

  private add(kind: keyof Batch, id: string) {
    this.batch[kind].add(id);
    this.timer ??= setTimeout(() => this.flush(), TICK_MS);
  }

  private flush() {
    this.timer = null;
    const b = this.batch;
    this.batch = { changed: new Set(), requested: new Set() };
    for (const s of this.subscribers) s(b);
  }

  async close() {
    const client = this.client;
    this.client = null;
    this.listening = null;
    await client?.end({ timeout: 1 }).catch(() => {});
  }
}

const g = globalThis as unknown as { __hubLive?: LiveHub };
export function liveHub(): LiveHub {
  g.__hubLive ??= new LiveHub(createListener);
  return g.__hubLive;
}
/** For tests, whose database changes between files. */
export async function resetLiveHub() {
  await g.__hubLive?.close();
  g.__hubLive = undefined;
}

const encoder = new TextEncoder();
const sse = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * An event stream that sends `snapshot` once, then `update` whenever `refresh` finds something new,
 * and a comment every 15 s so proxies keep it open. Ends when the client goes away.
 */
function eventStream<T>(opts: {
  signal: AbortSignal;
  snapshot: () => Promise<T>;
  onBatch: (b: Batch, send: (event: string, data: unknown) => void) => Promise<void>;
}): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(sse(event, data));
      };
      let chain = Promise.resolve();
      const unsubscribe = await liveHub().subscribe((b) => {
        // One refresh at a time per stream, in order.
        chain = chain
          .then(() => opts.onBatch(b, send))
          .catch((e) => console.warn("[live] refresh failed", e));
      });
      const ping = setInterval(() => !closed && controller.enqueue(encoder.encode(": ping\n\n")), 15_000);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      opts.signal.addEventListener("abort", () => stop());
      send("snapshot", await opts.snapshot());
    },
    cancel() {
      stop();
    },
  });
}

const fingerprint = (r: ReservationView) =>
  `${r.status}|${r.queuePosition ?? ""}|${r.holdExpiresAt ?? ""}|${r.cancelReason ?? ""}`;

/** `GET /api/reservations/stream`: the signed-in customer's own reservations, as they change. */
export function customerReservationStream(
  actor: Actor | null,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const me = requireUser(actor, "reservation:request");
  const db = getDb();
  const seen = new Map<string, string>();
  const mine = new Set<string>();
  const remember = (rows: ReservationView[]) => {
    for (const r of rows) {
      seen.set(r.id, fingerprint(r));
      mine.add(r.reservableId);
    }
  };
  return eventStream({
    signal,
    snapshot: async () => {
      const [rows, waiting] = await Promise.all([
        reservationsForLive(db, me.id),
        waitlistReservableIds(db, me.id),
      ]);
      remember(rows);
      // A place offered from a waiting list arrives as a new reservation on one of these.
      for (const id of waiting) mine.add(id);
      return rows;
    },
    onBatch: async (b, send) => {
      const ids = [...b.changed].filter((id) => mine.has(id));
      if (ids.length === 0) return;
      const changed = (await reservationsForLive(db, me.id, ids)).filter(
        (r) => seen.get(r.id) !== fingerprint(r),
      );
      remember(changed);
      if (changed.length > 0) send("update", changed);
    },
  });
}

/** `GET /api/reservables/stream`: live counts of the reservables this staff member runs. */
export async function staffCountsStream(
  actor: Actor | null,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const db = getDb();
  const staff = requireStaff(actor);
  const managed = new Set((await managedReservables(db, staff)).map((r) => r.id));
  return eventStream({
    signal,
    snapshot: async () => ({ watching: managed.size }),
    onBatch: async (b, send) => {
      // Known ones that changed or got requests, and any changed one we have not seen (it may be new:
      // the query itself only returns what this actor runs).
      const ids = [...new Set([...b.changed, ...b.requested])].filter(
        (id) => managed.has(id) || b.changed.has(id),
      );
      if (ids.length === 0) return;
      const rows = await managedReservables(db, staff, ids);
      for (const r of rows) managed.add(r.id);
      if (rows.length === 0) return;
      send(
        "update",
        rows.map((r) => ({
          id: r.id,
          status: r.status,
          available: r.available,
          counts: r.counts,
          cancelledReason: r.cancelledReason,
        })),
      );
    },
  });
}

export function eventStreamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
