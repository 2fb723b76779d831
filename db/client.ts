import { AsyncLocalStorage } from "node:async_hooks";
import net from "node:net";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { DatabaseUnavailable, isDatabaseUnavailable, markDatabaseOutage } from "./outage";

export { DatabaseUnavailable, isDatabaseUnavailable } from "./outage";

/**
 * The database itself. A transaction is not one (`rollback` tells them apart), so a verb handed the
 * database, to call out after its transaction commits, cannot be handed a transaction by mistake.
 */
export type Db = PostgresJsDatabase<typeof schema> & { rollback?: never };
/** A transaction, or the database itself where a verb is handed no transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * DATABASE_URL: what the shop's queries go through. It may name a pooler in transaction mode (PgBouncer
 * with `pool_mode = transaction`) by ending in `?pooler=transaction`: see `connectionTarget`.
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the shop with `npm start`, which provides one.");
  }
  return url;
}

/**
 * DATABASE_DIRECT_URL: PostgreSQL itself, not a pooler, for what a transaction pooler cannot carry:
 * LISTEN (a notification arrives on the server connection that listened, which the pooler hands to
 * whoever runs the next transaction) and migrations (long DDL, no pooler timeouts). DATABASE_URL when
 * unset, which must then be direct.
 */
export function directDatabaseUrl(): string {
  const url = process.env.DATABASE_DIRECT_URL || databaseUrl();
  if (connectionTarget(url).pooled) {
    throw new Error(
      "DATABASE_URL goes through a transaction pooler (?pooler=transaction), which cannot carry LISTEN/NOTIFY or migrations: set DATABASE_DIRECT_URL to PostgreSQL itself.",
    );
  }
  return url;
}

/**
 * A URL's connection: `?pooler=transaction` taken off (PostgreSQL would refuse it as a startup
 * parameter) and said as `pooled`. Through a transaction pooler each transaction may run on another
 * server connection, so nothing may live in the session: no prepared statements (PgBouncer before 1.21
 * has no protocol-level support for them; `DB_PREPARE=on` keeps them for 1.21+ with
 * `max_prepared_statements`), and no session settings sent at connect (PgBouncer refuses startup
 * parameters it does not track): the server-side limits are then the pooler's or the role's (README,
 * "Operating it").
 */
export function connectionTarget(url: string): { url: string; pooled: boolean } {
  const q = url.indexOf("?");
  if (q < 0) return { url, pooled: false };
  const params = new URLSearchParams(url.slice(q + 1));
  const mode = params.get("pooler");
  if (mode === null) return { url, pooled: false };
  if (mode !== "transaction") {
    throw new Error(`Unknown pooler=${mode} in the database URL: the one mode to name is pooler=transaction (session pooling needs nothing).`);
  }
  params.delete("pooler");
  const rest = params.toString();
  return { url: url.slice(0, q) + (rest ? `?${rest}` : ""), pooled: true };
}

/** A URL to one host without TLS (postgres-js takes TLS from `ssl`, `sslmode` or `sslrootcert`). */
function plainSingleHost(url: string): boolean {
  const q = url.indexOf("?");
  const params = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  const tls = ["ssl", "sslmode", "sslrootcert"].some((k) => params.has(k) && params.get(k) !== "disable");
  const host = url.slice(url.indexOf("://") + 3).split(/[?/]/)[0]!;
  return !tls && !host.includes(",");
}

/** Whether queries run as named prepared statements on this connection (DB_PREPARE=off|on overrides). */
function preparing(pooled: boolean): boolean {
  const flag = process.env.DB_PREPARE;
  if (flag === "off") return false;
  if (flag === "on") return true;
  return !pooled;
}

/**
 * How long the shop waits on PostgreSQL (README, "Operating it"). The server-side limits bound a
 * runaway statement, a lock wait and a transaction left open; `stallMs` is the client-side watch for
 * a server that does not answer at all (stopped, hung, cut off): a query or a wait for a pooled
 * connection that takes longer than `stallMs` makes the client probe the server on a connection of its
 * own, and only if that probe gets no answer within `probeMs` does the query fail, with
 * DatabaseUnavailable (503). A slow query on a live server is never cut by the client before the
 * server's own statement_timeout would cut it: `queryCeilingMs`, past that, bounds a query whose backend
 * is stuck while the server answers the probe. 0 turns a limit off.
 */
export type DbTimeouts = {
  connectS: number;
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  stallMs: number;
  probeMs: number;
  /**
   * The hard ceiling on one query's wait for its answer (DB_QUERY_CEILING_MS): past it the query fails
   * with DatabaseUnavailable and its connection is closed, whatever the probe says. For a backend that
   * stopped while the server around it answers (the probe's "alive" then proves nothing, and a stopped
   * backend acts on neither statement_timeout nor a cancel). Unset: `statementMs` + CEILING_MARGIN_MS,
   * so no query is cut before PostgreSQL itself would cut it; none (0) where there is no statement limit.
   */
  queryCeilingMs?: number;
};

/** What the ceiling adds to statement_timeout: the round trip, a busy server, a busy event loop. */
export const CEILING_MARGIN_MS = 5_000;

/** The ceiling that goes with a statement limit: the limit plus the margin; none without a limit. */
export function ceilingFor(statementMs: number): number {
  return statementMs > 0 ? statementMs + CEILING_MARGIN_MS : 0;
}

function queryCeiling(limits: DbTimeouts): number {
  return limits.queryCeilingMs ?? ceilingFor(limits.statementMs);
}

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** The web's limits (DB_* in the environment); the worker and scripts start from these too. */
export function timeoutsFromEnv(): DbTimeouts {
  return {
    connectS: envNumber("DB_CONNECT_TIMEOUT_S", 10),
    statementMs: envNumber("DB_STATEMENT_TIMEOUT_MS", 30_000),
    lockMs: envNumber("DB_LOCK_TIMEOUT_MS", 10_000),
    idleInTransactionMs: envNumber("DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", 60_000),
    stallMs: envNumber("DB_STALL_MS", 1_500),
    probeMs: envNumber("DB_PROBE_TIMEOUT_MS", 2_500),
    ...(process.env.DB_QUERY_CEILING_MS ? { queryCeilingMs: envNumber("DB_QUERY_CEILING_MS", 0) } : {}),
  };
}

/**
 * `timeouts: false` (migrations, the seed, benchmarks' own setup): no server-side limit and no stall
 * watch, for statements that may legitimately run for minutes. Partial limits override the env's.
 */
export function createDb(url: string, opts: { max?: number; timeouts?: Partial<DbTimeouts> | false } = {}) {
  const limits = opts.timeouts === false ? null : { ...timeoutsFromEnv(), ...opts.timeouts };
  const target = connectionTarget(url);
  const prepare = preparing(target.pooled);
  const ceilingMs = limits ? queryCeiling(limits) : 0;
  // Our own sockets (to close one connection) only on plain TCP to one host: under TLS the bytes pass
  // beneath us. There the ceiling still fails the wait; the connection goes back when it answers.
  const sockets = ceilingMs > 0 && plainSingleHost(target.url) ? new Sockets(ceilingMs) : null;
  const sql = postgres(target.url, {
    max: opts.max ?? Number(process.env.DB_POOL_MAX ?? 20),
    onnotice: () => {},
    prepare,
    // postgres-js waits 3^n/100 s (up to 20 s) before reconnecting after n failed attempts in a row,
    // counted over the whole pool, so an outage long enough for a dozen failed attempts would be followed
    // by up to 20 s of 503s with the server back. At most a second instead. (Measured on a restart of a
    // few seconds under traffic, db/faults.test.ts: first orders 0.7-1.0 s after it with the driver's
    // backoff, 0.5-0.6 s with this; slowest call 3.6 s against 1.6 s.)
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    // (`socket` is postgres-js's own option, missing from its types.)
    ...(sockets ? ({ socket: sockets.open } as object) : {}),
    ...(limits ? { connect_timeout: limits.connectS || 30 } : {}),
    // Times are timestamptz; the session stays in UTC and the UI formats in Asia/Seoul. (TimeZone is
    // one of the parameters PgBouncer tracks per client; the others are PostgreSQL's alone.)
    connection: {
      TimeZone: "UTC",
      ...(target.pooled ? {} : { plan_cache_mode: "force_generic_plan" }),
      ...(limits && !target.pooled
        ? {
            statement_timeout: limits.statementMs,
            lock_timeout: limits.lockMs,
            idle_in_transaction_session_timeout: limits.idleInTransactionMs,
          }
        : {}),
    },
  });
  const watch = limits && (limits.stallMs > 0 || ceilingMs > 0) ? new StallWatch(target, limits, ceilingMs) : null;
  const client = guarded(sql, { prepare, watch, sockets });
  const db = drizzle(client, {
    schema,
    casing: "snake_case",
  });
  // Every transaction body runs in the transaction scope, so a provider call inside one is caught.
  const begin = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    begin((tx) => inTransactionScope(() => fn(tx)), config)) as Db["transaction"];
  const end = sql.end.bind(sql);
  // Ending the pool ends the probe's connection (and the sockets' sweep) too.
  sql.end = ((o?: { timeout?: number }) => {
    sockets?.close();
    return Promise.all([end(o), watch?.close()]).then(() => undefined);
  }) as typeof sql.end;
  return { db, sql };
}

const openTransaction = new AsyncLocalStorage<true>();

/**
 * Whether the calling code runs inside a transaction of this process (which may hold row locks). Every
 * `db.transaction` and `pipelinedTransaction` body runs in this scope; lib/payments/call.ts refuses to
 * call the payment provider inside it.
 */
export function insideTransaction(): boolean {
  return openTransaction.getStore() === true;
}

export function inTransactionScope<T>(fn: () => T): T {
  return openTransaction.run(true, fn);
}

/**
 * Is the server answering? One `select 1` on a connection of its own (not the pool's, which may all
 * be stuck), at most one probe at a time and its answer kept for a second. No answer within `probeMs`
 * (a stopped or hung server accepts the TCP connection and then says nothing) is "no"; that
 * connection is then dropped, and the next probe opens a new one.
 */
const answers = new Map<string, number>();

class StallWatch {
  private sql: postgres.Sql | null = null;
  /**
   * When a query last got an answer from this server (any answer, errors too), from any pool of this
   * process (a test or a benchmark runs several): the server was alive then.
   */
  private get answeredAt(): number {
    return answers.get(this.server) ?? 0;
  }
  private readonly server: string;
  private last: { at: number; alive: Promise<boolean> } | null = null;
  /** Since when the server is known not to answer (a probe went unanswered, and nothing since). */
  private downSince: number | null = null;
  private readonly url: string;
  private readonly pooled: boolean;
  constructor(
    target: { url: string; pooled: boolean },
    readonly limits: DbTimeouts,
    /** The query ceiling (0: none). */
    readonly ceilingMs = 0,
  ) {
    this.url = target.url;
    this.pooled = target.pooled;
    const u = new URL(target.url);
    this.server = `${u.hostname}:${u.port}`;
  }

  /** A query got an answer from the server. */
  answered(): void {
    answers.set(this.server, Date.now());
    this.downSince = null;
  }

  /**
   * How long a query waits before asking: `stallMs`, or a quarter second while the server is known
   * not to answer, so that a page whose error page queries again is not held a second full stall.
   */
  waitMs(): number {
    return this.downSince === null ? this.limits.stallMs : Math.min(250, this.limits.stallMs);
  }

  /** Alive since `since`? Under load the pool's own answers say so without a probe (and a busy event loop, late to read the probe's answer, is not mistaken for a silent server). */
  alive(since: number): Promise<boolean> {
    if (this.answeredAt > since) return Promise.resolve(true);
    if (this.downSince !== null) {
      // Known down: say so at once, and probe again (in the background, at most once a second) to
      // notice the server's return.
      if (!this.last || Date.now() - this.last.at >= 1000) this.last = { at: Date.now(), alive: this.probe() };
      return Promise.resolve(false);
    }
    if (this.last && Date.now() - this.last.at < 1000) return this.last.alive;
    const alive = this.probe();
    this.last = { at: Date.now(), alive };
    return alive;
  }

  /**
   * The probe's connection, opened with the pool's first query and kept, so that a probe on a live
   * server (however loaded, however many connections the pool is opening) is one `select 1` on a
   * connection that is already there. Only after a probe went unanswered is a new one opened.
   */
  private client(): postgres.Sql {
    this.sql ??= postgres(this.url, {
      max: 1,
      connect_timeout: Math.max(this.limits.connectS, 1),
      fetch_types: false, // one round trip: `select 1` needs no array types
      onnotice: () => {},
      prepare: !this.pooled,
      connection: this.pooled ? {} : { statement_timeout: Math.max(this.limits.probeMs, 100) },
    });
    return this.sql;
  }

  /** Opens the probe's connection ahead of need. */
  warm(): void {
    if (this.sql) return;
    void this.client()`select 1`.catch(() => {});
  }

  private async probe(): Promise<boolean> {
    const sql = this.client();
    const askedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      sql`select 1`.then(
        () => true,
        () => false,
      ),
      new Promise<false>((r) => (timer = setTimeout(() => r(false), this.limits.probeMs))),
    ]);
    clearTimeout(timer);
    if (!answered && this.answeredAt >= askedAt) return true; // the pool heard from it meanwhile
    if (answered) this.downSince = null;
    else {
      this.downSince ??= askedAt;
      markDatabaseOutage();
      if (this.sql === sql) this.sql = null;
      void sql.end({ timeout: 0 }).catch(() => {});
    }
    return answered;
  }

  async close(): Promise<void> {
    const sql = this.sql;
    this.sql = null;
    await sql?.end({ timeout: 0 }).catch(() => {});
  }
}

type Cancellable = { cancel?: () => unknown };

/**
 * What a query past the ceiling fails with: DatabaseUnavailable (503), and its connection is closed.
 * Also the error the connection's socket is destroyed with, so every statement still waiting on it fails
 * the same way, and postgres-js starts a fresh connection in its place.
 */
export class ConnectionDiscarded extends DatabaseUnavailable {
  constructor() {
    super("PostgreSQL did not answer within the query ceiling (DB_QUERY_CEILING_MS); the connection was closed.");
  }
}

const GONE_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "ECONNRESET", "EPIPE"]);

/**
 * Whether `error` says the connection it came on is gone: closed or reset, discarded by the ceiling, or
 * a FATAL from the server (a shutdown, a terminated backend, a transaction ended by
 * idle_in_transaction_session_timeout), after which the server closes it. Nothing more may be written on
 * such a connection: postgres-js 3.4.9 writes to its closed socket from a setImmediate, an uncaught
 * TypeError that ends the process (porsager/postgres#1154, #1199, #1208).
 */
export function connectionGone(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (e instanceof ConnectionDiscarded) return true;
    const { code, severity } = e as { code?: unknown; severity?: unknown };
    if (typeof code === "string" && GONE_CODES.has(code)) return true;
    if (severity === "FATAL" || severity === "PANIC") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether a statement's outcome is unknown: its answer never came (the connection lost or discarded, or
 * the wait given up on), so a COMMIT among them may have committed. An error the server answered (a lock
 * or statement timeout, a constraint) means its transaction rolled back.
 */
export function answerLost(error: unknown): boolean {
  if (connectionGone(error)) return true;
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (e instanceof DatabaseUnavailable) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The pool's sockets, so that a connection whose backend no longer answers can be closed (postgres-js
 * has no way to close one connection of a pool): by the pid of the backend at the other end (read from
 * the server's BackendKeyData as the connection starts), for a query past its ceiling; and, once a
 * second, any socket that has waited longer than the ceiling for a byte since it last wrote (a BEGIN
 * postgres-js sent itself, a statement queued behind the stuck one). No statement waits that long on a
 * live backend: the ceiling is past statement_timeout. Plain TCP or a Unix socket (the URLs here carry
 * no TLS).
 */
class Sockets {
  private readonly byPid = new Map<number, net.Socket>();
  /** Each open socket: since when it waits for an answer (written to, nothing read since), or null. */
  private readonly waiting = new Map<net.Socket, { since: number | null }>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly ceilingMs: number) {}

  readonly open = (o: { host: string[]; port: number[]; path?: string }): net.Socket => {
    // Returned before it is connected, as postgres-js's own socket is: a refused connection then
    // errors and closes like any other (a rejected factory would leave its connection "connecting").
    const socket = o.path ? net.connect(o.path) : net.connect(o.port[0]!, o.host[0]!);
    // Named in postgres-js's connection errors, as on its own sockets.
    Object.assign(socket, { host: o.host[0], port: o.port[0] });
    const state = { since: null as number | null };
    this.waiting.set(socket, state);
    const write = socket.write.bind(socket) as (...a: unknown[]) => boolean;
    socket.write = ((...a: unknown[]) => {
      state.since ??= Date.now();
      return write(...a);
    }) as typeof socket.write;
    socket.on("data", () => (state.since = null));
    let pending: Buffer = Buffer.alloc(0);
    let pid: number | null = null;
    const onStart = (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // Backend messages: a type byte, then a length that counts itself.
      while (pending.length >= 5) {
        const type = pending[0];
        const length = pending.readUInt32BE(1);
        if (pending.length < 1 + length) return;
        if (type === 0x4b /* K: BackendKeyData */ && length >= 12) {
          pid = pending.readUInt32BE(5);
          this.byPid.set(pid, socket);
        }
        if (type === 0x4b || type === 0x5a /* Z: ready, the start is over */) {
          socket.off("data", onStart);
          pending = Buffer.alloc(0);
          return;
        }
        pending = pending.subarray(1 + length);
      }
    };
    socket.on("data", onStart);
    socket.once("close", () => {
      this.waiting.delete(socket);
      if (pid !== null && this.byPid.get(pid) === socket) this.byPid.delete(pid);
    });
    this.sweeper ??= setInterval(() => setImmediate(() => this.sweep()), Math.min(1000, this.ceilingMs)).unref();
    return socket;
  };

  /**
   * Closes the connection to backend `pid` if it has waited for a byte for 90% of the ceiling (a
   * statement queued behind others on a connection that answers them is not its backend's fault):
   * whatever waits on it fails with `error`. Otherwise the sweep decides.
   */
  discard(pid: number, error: Error): Promise<void> | null {
    const socket = this.byPid.get(pid);
    const since = socket ? this.waiting.get(socket)?.since : null;
    if (!socket || since == null || Date.now() - since < 0.9 * this.ceilingMs) return null;
    this.byPid.delete(pid);
    // Settles once postgres-js has seen the close and taken the connection out of use: a caller told
    // 503 before that could send its next statement down the same connection.
    const closed = new Promise<void>((r) => socket.once("close", () => setImmediate(r)));
    socket.destroy(error);
    return closed;
  }

  /** Run from a timer, then after the poll phase: what arrived while the loop was busy has been read. */
  private sweep(): void {
    const before = Date.now() - this.ceilingMs;
    for (const [socket, state] of this.waiting) {
      if (state.since !== null && state.since <= before) {
        markDatabaseOutage();
        socket.destroy(new ConnectionDiscarded());
      }
    }
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}

/**
 * `p`, unless the server stops answering while it waits: every `stallMs` without a result the server
 * is probed, and if it does not answer, `p` is given up on (its query cancelled, best effort, so it
 * does not run later when the server comes back) and DatabaseUnavailable is thrown instead. With a
 * `ceiling` (a query's), past `ceiling.ms` it is given up on whatever the probe says, and `ceiling.cut`
 * closes its connection.
 */
function watched<T>(
  p: PromiseLike<T>,
  watch: StallWatch,
  onGiveUp?: (late: Promise<T>) => void,
  /** Whether `p` settling is the server's answer (a query), or may be ours alone (a pooled connection handed over). */
  isAnswer = false,
  ceiling?: { ms: number; cut: (error: ConnectionDiscarded) => Promise<void> | null; error?: () => DatabaseUnavailable },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let since = Date.now();
    const stalls = watch.limits.stallMs > 0;
    const ceilingAt = ceiling && ceiling.ms > 0 ? since + ceiling.ms : Infinity;
    if (stalls) watch.warm();
    const giveUp = (error: DatabaseUnavailable, then: () => Promise<void> | null | void) => {
      settled = true;
      const closing = then();
      const late = Promise.resolve(p);
      late.catch(() => {}); // its own end, when the server comes back, is nobody's concern
      onGiveUp?.(late);
      markDatabaseOutage();
      if (closing) void closing.then(() => reject(error));
      else reject(error);
    };
    const cut = () =>
      // Past the ceiling: first let the event loop read what has arrived (an answer waiting in a socket's
      // buffer behind a busy loop is not silence).
      setImmediate(() => {
        if (settled) return;
        const error = new ConnectionDiscarded();
        giveUp(ceiling!.error?.() ?? error, () => ceiling!.cut(error));
      });
    const arm = () => {
      const untilCeiling = ceilingAt - Date.now();
      const untilStall = stalls ? watch.waitMs() : Infinity;
      if (untilCeiling === Infinity && untilStall === Infinity) return;
      if (untilCeiling <= untilStall) {
        timer = setTimeout(cut, Math.max(0, untilCeiling));
        return;
      }
      timer = setTimeout(() => {
        const asked = Date.now();
        void watch.alive(since).then((alive) => {
          if (settled) return;
          since = asked;
          if (alive) return arm();
          giveUp(new DatabaseUnavailable(), () => {
            const c = (p as Cancellable).cancel;
            if (typeof c === "function") Promise.resolve(c.call(p)).catch(() => {});
          });
        });
      }, untilStall);
    };
    arm();
    p.then(
      (v) => {
        if (isAnswer) watch.answered();
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        if (isAnswer && !isDatabaseUnavailable(e)) watch.answered();
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (isDatabaseUnavailable(e)) markDatabaseOutage();
        reject(e);
      },
    );
  });
}

type Hooks = {
  /** Told of each query's own settling (whether or not it was given up on). */
  sent?: (settled: Promise<unknown>) => void;
  /** Told when a query is given up on. */
  gaveUp?: () => void;
  /** Told of each query's own error (given up on or not). */
  failed?: (error: unknown) => void;
};

type Options = { prepare: boolean; watch: StallWatch | null; sockets: Sockets | null };

/** A postgres-js query (lazy: it runs when awaited), watched from the moment it is awaited. */
function watchedQuery<Q extends PromiseLike<unknown>>(q: Q, o: Options, hooks: Hooks = {}): Q {
  const { watch } = o;
  if (!watch) return q;
  const then = q.then;
  let result: Promise<unknown> | null = null;
  (q as { then: unknown }).then = function (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
    if (!result) {
      const own = then.call(q, undefined, undefined) as Promise<unknown>;
      hooks.sent?.(own.then(() => undefined, () => undefined));
      if (hooks.failed) own.then(undefined, hooks.failed);
      const cancel = () => (q as Cancellable).cancel?.();
      result = watched(
        { then: own.then.bind(own), cancel } as PromiseLike<unknown>,
        watch,
        () => hooks.gaveUp?.(),
        true,
        {
          ms: watch.ceilingMs,
          cut: (error) => {
            // Sent: close its connection (the pid of the backend it went to), if that backend is the
            // silent one. Still waiting for a connection: take it out of the queue.
            const pid = (q as { state?: { pid?: number | null } }).state?.pid;
            const closing = pid ? (o.sockets?.discard(pid, error) ?? null) : null;
            if (!closing) Promise.resolve(cancel()).catch(() => {});
            return closing;
          },
        },
      );
    }
    return result.then(onFulfilled, onRejected);
  };
  return q;
}

const never = () => new Promise<never>(() => {});

/**
 * The client as drizzle sees it: every query watched for a stalled server (StallWatch) and bounded by
 * the ceiling, and every parameterized query a named prepared statement.
 *
 * drizzle hands postgres-js each query with `prepare: false` unless it was `.prepare("name")`d, so
 * PostgreSQL parsed and planned every statement on every call, and postgres-js spent an extra round
 * trip describing it: measured here, the reservation request took 2.2 ms of machine CPU a call that
 * way against 0.8 ms prepared. postgres-js keeps its statements per connection (a connection lives
 * 30–60 min) keyed by their text. Not through a transaction pooler (connectionTarget), nor with
 * `DB_PREPARE=off`: then nothing is prepared, db/raw.ts's `prepared` statements included.
 */
function guarded<T extends postgres.Sql>(client: T, o: Options, hooks: Hooks = {}): T {
  const { watch } = o;
  return new Proxy(client, {
    apply(target, thisArg, args: unknown[]) {
      const q = Reflect.apply(target, thisArg, args) as unknown;
      // A tagged-template query is a Query (thenable); sql("name") and fragments are not.
      return q && typeof (q as { then?: unknown }).then === "function"
        ? watchedQuery(q as PromiseLike<unknown>, o, hooks)
        : q;
    },
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (query: string, args?: unknown[], options: Record<string, unknown> = {}) =>
          watchedQuery(target.unsafe(query, args as never[], o.prepare ? { ...options, prepare: true } : options), o, hooks);
      if (prop === "begin" || prop === "savepoint")
        return (...a: unknown[]) => {
          const fn = a.pop() as (c: postgres.Sql) => unknown;
          const open = Reflect.get(target, prop) as (...x: unknown[]) => Promise<unknown>;
          let abandoned = false;
          let begun = false;
          let ended: Promise<unknown> | null = null;
          let ceilingTimer: NodeJS.Timeout | undefined;
          const p = open.apply(target, [
            ...a,
            (c: postgres.Sql) => {
              // Its BEGIN was answered only after we gave up (and told the caller 503): run nothing, roll back.
              if (abandoned) throw new DatabaseUnavailable();
              begun = true;
              clearTimeout(ceilingTimer);
              return Promise.resolve(fn(guarded(c, o))).catch(async (e: unknown) => {
                // Its connection is gone: postgres-js would now write ROLLBACK to the closed socket (an
                // uncaught error, see connectionGone). The transaction is over on the server; the
                // caller already has the connection's own error from `begin`, which settles on the close.
                if (connectionGone(e) && ended) {
                  const closed = await Promise.race([ended.then(() => true), new Promise<false>((r) => setTimeout(r, 2000, false))]);
                  if (closed) return never();
                }
                throw e;
              });
            },
          ]);
          ended = p.then(
            () => undefined,
            () => undefined,
          );
          if (!watch || prop !== "begin") return p;
          const whole = watched(p, watch, () => (abandoned = true));
          if (watch.ceilingMs <= 0) return whole;
          // BEGIN is the first statement on the connection (sent by postgres-js, not through here): it too
          // is answered within the ceiling, or the transaction is given up on (its connection, if it ever
          // answers, then rolls back and goes back to the pool).
          const begin = new Promise<never>((_, reject) => {
            ceilingTimer = setTimeout(() => {
              if (begun) return;
              abandoned = true;
              markDatabaseOutage();
              reject(new DatabaseUnavailable("PostgreSQL did not answer BEGIN within the query ceiling (DB_QUERY_CEILING_MS)."));
            }, watch.ceilingMs);
          });
          void ended.then(() => clearTimeout(ceilingTimer));
          return Promise.race([whole, begin]);
        };
      if (prop === "reserve")
        return async () => {
          if (!watch) return reservedConnection(await target.reserve(), o);
          const asked = reserveAgain(target);
          // A connection that arrives after we gave up on it goes straight back to the pool. The wait
          // for one has the query ceiling too.
          const conn = await watched(
            asked.p,
            watch,
            (late) => {
              asked.stop();
              void late.then((c) => c.release(), () => {});
            },
            false,
            { ms: watch.ceilingMs, cut: () => (asked.stop(), null), error: () => new DatabaseUnavailable("No connection to PostgreSQL within the query ceiling (DB_QUERY_CEILING_MS).") },
          );
          asked.stop();
          return reservedConnection(conn, o);
        };
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/**
 * `sql.reserve()`, asked again after 1, 2 and 4 s while unanswered, the first connection granted kept
 * and any later one released. postgres-js 3.4.9 can lose a reserve() that waits: when a connection
 * closes, the pool reconnects it with the first waiting request, and a reserve() in that place is
 * dropped after the new connection fetches its types, never granted nor refused (seen as a request
 * hung for good after `pg_ctl restart`, db/faults.test.ts).
 */
function reserveAgain(target: postgres.Sql): { p: Promise<postgres.ReservedSql>; stop: () => void } {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const p = new Promise<postgres.ReservedSql>((resolve, reject) => {
    const ask = (attempt: number) => {
      target.reserve().then(
        (c) => {
          if (done) return c.release();
          done = true;
          clearTimeout(timer);
          resolve(c);
        },
        (e: unknown) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          reject(e);
        },
      );
      if (attempt < 3) timer = setTimeout(() => done || ask(attempt + 1), 1000 * 2 ** attempt);
    };
    ask(0);
  });
  return {
    p,
    stop: () => {
      clearTimeout(timer);
    },
  };
}

/**
 * A reserved connection (pipelinedTransaction's). If a statement on it was given up on, it is not
 * handed back to the pool on release while its statements are still outstanding (a BEGIN answered
 * later would leave the next user of that connection inside a transaction): it goes back once they
 * have all settled and a ROLLBACK has run, whenever the server is back. If the connection itself is
 * gone (closed, discarded by the ceiling, a FATAL), nothing more is sent on it and it is not released:
 * postgres-js already took it back as closed, and would crash writing to it, or hand a closed connection
 * to the next query, were it released (porsager/postgres#1199).
 */
function reservedConnection(conn: postgres.ReservedSql, o: Options): postgres.ReservedSql {
  const outstanding = new Set<Promise<unknown>>();
  let abandoned = false;
  let gone = false;
  const hooks: Hooks = {
    sent: (settled) => {
      outstanding.add(settled);
      void settled.then(() => outstanding.delete(settled));
    },
    gaveUp: () => (abandoned = true),
    failed: (e) => {
      if (connectionGone(e)) gone = true;
    },
  };
  const g = guarded(conn, o, hooks);
  const release = () => {
    if (gone) return;
    if (!abandoned) return conn.release();
    void Promise.allSettled([...outstanding])
      .then(() => (gone ? undefined : conn.unsafe("rollback")))
      .catch(() => {})
      .finally(() => gone || conn.release());
  };
  // Once given up on, the connection takes nothing more (its ROLLBACK waits for the release above):
  // a statement fails at once instead of waiting out another stall.
  const refused = () => {
    const p = Promise.reject(new DatabaseUnavailable()) as Promise<never> & Record<string, unknown>;
    p.catch(() => {});
    for (const m of ["execute", "values", "raw", "simple"]) p[m] = () => p;
    p.cancel = () => {};
    return p;
  };
  return new Proxy(g, {
    apply(target, thisArg, args: unknown[]) {
      if (abandoned || gone) return refused();
      return Reflect.apply(target, thisArg, args) as unknown;
    },
    get(target, prop, receiver) {
      if (prop === "release") return release;
      if ((abandoned || gone) && prop === "unsafe") return refused;
      return Reflect.get(target, prop, receiver);
    },
  });
}

// One pool per process, kept across hot reloads in development.
const g = globalThis as unknown as { __hubDb?: ReturnType<typeof createDb> };

export function getDb(): Db {
  g.__hubDb ??= createDb(databaseUrl());
  return g.__hubDb.db;
}

export function getSql() {
  g.__hubDb ??= createDb(databaseUrl());
  return g.__hubDb.sql;
}

/**
 * A client for LISTEN, on DATABASE_DIRECT_URL (directDatabaseUrl) unless told another: postgres.js opens one dedicated
 * connection for its listens at the first `listen` and reconnects it (and LISTENs again) when it
 * drops. NOTIFY needs nothing of the kind: it is sent in the sender's own transaction, pooled or not.
 */
export function createListener(url: string = directDatabaseUrl()): postgres.Sql {
  return postgres(url, { max: 1, onnotice: () => {}, connection: { TimeZone: "UTC" } });
}
