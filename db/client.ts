import { AsyncLocalStorage } from "node:async_hooks";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/**
 * The database itself. A transaction is not one (`rollback` tells them apart), so a verb handed the
 * database, to call out after its transaction commits, cannot be handed a transaction by mistake.
 */
export type Db = PostgresJsDatabase<typeof schema> & { rollback?: never };
/** A transaction, or the database itself where a verb is handed no transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the shop with `npm start`, which provides one.");
  }
  return url;
}

export function createDb(url: string, opts: { max?: number } = {}) {
  const sql = postgres(url, {
    max: opts.max ?? Number(process.env.DB_POOL_MAX ?? 20),
    onnotice: () => {},
    // Times are timestamptz; the session stays in UTC and the UI formats in Asia/Seoul.
    connection: { TimeZone: "UTC", plan_cache_mode: "force_generic_plan" },
  });
  const db = drizzle(process.env.DB_PREPARE === "off" ? sql : preparing(sql), {
    schema,
    casing: "snake_case",
  });
  // Every transaction body runs in the transaction scope, so a provider call inside one is caught.
  const begin = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    begin((tx) => inTransactionScope(() => fn(tx)), config)) as Db["transaction"];
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
 * The client as drizzle sees it, with every parameterized query a named prepared statement.
 *
 * drizzle hands postgres-js each query with `prepare: false` unless it was `.prepare("name")`d, so
 * PostgreSQL parsed and planned every statement on every call, and postgres-js spent an extra round
 * trip describing it: measured here, the reservation request took 2.2 ms of machine CPU a call that
 * way against 0.8 ms prepared. postgres-js keeps its statements per connection (a connection lives
 * 30–60 min) keyed by their text. `DB_PREPARE=off` turns this off, for a pooler in transaction mode.
 */
function preparing<T extends postgres.Sql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (query: string, args?: unknown[], options: Record<string, unknown> = {}) =>
          target.unsafe(query, args as never[], { ...options, prepare: true });
      if (prop === "begin" || prop === "savepoint")
        return (...a: unknown[]) => {
          const fn = a.pop() as (c: postgres.Sql) => unknown;
          const open = Reflect.get(target, prop) as (...x: unknown[]) => unknown;
          return open.apply(target, [...a, (c: postgres.Sql) => fn(preparing(c))]);
        };
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
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
