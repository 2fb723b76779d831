import { AsyncLocalStorage } from "node:async_hooks";
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
 * DatabaseUnavailable (503). A slow query on a live server is never cut by the client. 0 turns a limit off.
 */
export type DbTimeouts = {
  connectS: number;
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  stallMs: number;
  probeMs: number;
};

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
  const sql = postgres(target.url, {
    max: opts.max ?? Number(process.env.DB_POOL_MAX ?? 20),
    onnotice: () => {},
    prepare,
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
  const watch = limits && limits.stallMs > 0 ? new StallWatch(target, limits) : null;
  const client = guarded(sql, { prepare, watch });
  const db = drizzle(client, {
    schema,
    casing: "snake_case",
  });
  // Every transaction body runs in the transaction scope, so a provider call inside one is caught.
  const begin = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    begin((tx) => inTransactionScope(() => fn(tx)), config)) as Db["transaction"];
  const end = sql.end.bind(sql);
  // Ending the pool ends the probe's connection too.
  sql.end = ((o?: { timeout?: number }) => Promise.all([end(o), watch?.close()]).then(() => undefined)) as typeof sql.end;
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
 * `p`, unless the server stops answering while it waits: every `stallMs` without a result the server
 * is probed, and if it does not answer, `p` is given up on (its query cancelled, best effort, so it
 * does not run later when the server comes back) and DatabaseUnavailable is thrown instead.
 */
function watched<T>(
  p: PromiseLike<T>,
  watch: StallWatch,
  onGiveUp?: (late: Promise<T>) => void,
  /** Whether `p` settling is the server's answer (a query), or may be ours alone (a pooled connection handed over). */
  isAnswer = false,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout;
    let since = Date.now();
    watch.warm();
    const arm = () => {
      timer = setTimeout(() => {
        const asked = Date.now();
        void watch.alive(since).then((alive) => {
          if (settled) return;
          since = asked;
          if (alive) return arm();
          settled = true;
          const c = (p as Cancellable).cancel;
          if (typeof c === "function") Promise.resolve(c.call(p)).catch(() => {});
          const late = Promise.resolve(p);
          late.catch(() => {}); // its own end, when the server comes back, is nobody's concern
          onGiveUp?.(late);
          markDatabaseOutage();
          reject(new DatabaseUnavailable());
        });
      }, watch.waitMs());
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
};

/** A postgres-js query (lazy: it runs when awaited), watched from the moment it is awaited. */
function watchedQuery<Q extends PromiseLike<unknown>>(q: Q, watch: StallWatch | null, hooks: Hooks = {}): Q {
  if (!watch) return q;
  const then = q.then;
  let result: Promise<unknown> | null = null;
  (q as { then: unknown }).then = function (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
    if (!result) {
      const own = then.call(q, undefined, undefined) as Promise<unknown>;
      hooks.sent?.(own.then(() => undefined, () => undefined));
      result = watched(
        { then: own.then.bind(own), cancel: () => (q as Cancellable).cancel?.() } as PromiseLike<unknown>,
        watch,
        () => hooks.gaveUp?.(),
        true,
      );
    }
    return result.then(onFulfilled, onRejected);
  };
  return q;
}

/**
 * The client as drizzle sees it: every query watched for a stalled server (StallWatch), and every
 * parameterized query a named prepared statement.
 *
 * drizzle hands postgres-js each query with `prepare: false` unless it was `.prepare("name")`d, so
 * PostgreSQL parsed and planned every statement on every call, and postgres-js spent an extra round
 * trip describing it: measured here, the reservation request took 2.2 ms of machine CPU a call that
 * way against 0.8 ms prepared. postgres-js keeps its statements per connection (a connection lives
 * 30–60 min) keyed by their text. Not through a transaction pooler (connectionTarget), nor with
 * `DB_PREPARE=off`: then nothing is prepared, db/raw.ts's `prepared` statements included.
 */
function guarded<T extends postgres.Sql>(client: T, o: { prepare: boolean; watch: StallWatch | null }, hooks: Hooks = {}): T {
  const { watch } = o;
  return new Proxy(client, {
    apply(target, thisArg, args: unknown[]) {
      const q = Reflect.apply(target, thisArg, args) as unknown;
      // A tagged-template query is a Query (thenable); sql("name") and fragments are not.
      return q && typeof (q as { then?: unknown }).then === "function"
        ? watchedQuery(q as PromiseLike<unknown>, watch, hooks)
        : q;
    },
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (query: string, args?: unknown[], options: Record<string, unknown> = {}) =>
          watchedQuery(target.unsafe(query, args as never[], o.prepare ? { ...options, prepare: true } : options), watch, hooks);
      if (prop === "begin" || prop === "savepoint")
        return (...a: unknown[]) => {
          const fn = a.pop() as (c: postgres.Sql) => unknown;
          const open = Reflect.get(target, prop) as (...x: unknown[]) => Promise<unknown>;
          let abandoned = false;
          const p = open.apply(target, [
            ...a,
            (c: postgres.Sql) => {
              // Its BEGIN was answered only after we gave up (and told the caller 503): run nothing, roll back.
              if (abandoned) throw new DatabaseUnavailable();
              return fn(guarded(c, o));
            },
          ]);
          return watch && prop === "begin" ? watched(p, watch, () => (abandoned = true)) : p;
        };
      if (prop === "reserve")
        return async () => {
          const p = target.reserve();
          // A connection that arrives after we gave up on it goes straight back to the pool.
          const conn = watch ? await watched(p, watch, (late) => void late.then((c) => c.release())) : await p;
          return reservedConnection(conn, o);
        };
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/**
 * A reserved connection (pipelinedTransaction's). If a statement on it was given up on, it is not
 * handed back to the pool on release while its statements are still outstanding (a BEGIN answered
 * later would leave the next user of that connection inside a transaction): it goes back once they
 * have all settled and a ROLLBACK has run, whenever the server is back.
 */
function reservedConnection(conn: postgres.ReservedSql, o: { prepare: boolean; watch: StallWatch | null }): postgres.ReservedSql {
  const outstanding = new Set<Promise<unknown>>();
  let abandoned = false;
  const hooks: Hooks = {
    sent: (settled) => {
      outstanding.add(settled);
      void settled.then(() => outstanding.delete(settled));
    },
    gaveUp: () => (abandoned = true),
  };
  const g = guarded(conn, o, hooks);
  const release = () => {
    if (!abandoned) return conn.release();
    void Promise.allSettled([...outstanding])
      .then(() => conn.unsafe("rollback"))
      .catch(() => {})
      .finally(() => conn.release());
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
    get(target, prop, receiver) {
      if (prop === "release") return release;
      if (abandoned && prop === "unsafe") return refused;
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
