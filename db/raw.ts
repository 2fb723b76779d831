import type { Sql } from "postgres";
import { inTransactionScope, type Db, type Tx } from "./client";

/**
 * The postgres-js client under a drizzle database or transaction (inside a transaction: that
 * transaction's connection). For the few hot statements that must run as named prepared statements:
 * drizzle runs every query unprepared, and postgres-js then spends two round trips on each
 * parameterized query (describe, then execute). `sql.unsafe(text, params, { prepare: true })` is one.
 */
export function rawSql(db: Tx | Db): Sql {
  const client = (db as unknown as { session?: { client?: Sql } }).session?.client;
  if (!client) throw new Error("rawSql: not a drizzle postgres-js database or transaction");
  return client;
}

/** A named prepared statement: parsed and planned once per connection, one round trip after that. */
export function prepared<T = Record<string, unknown>>(
  db: Tx | Db | Sql,
  text: string,
  params: unknown[],
): Promise<T[]> {
  const client = typeof db === "function" ? db : rawSql(db);
  return client.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<T[]>;
}

export type Statement = { text: string; params: unknown[] };
type Reserved = Awaited<ReturnType<Sql["reserve"]>>;

/** How a pipelined transaction ends: its last statements, and admission to send them. */
export type Ending<T> = {
  result: T;
  /** Sent together with COMMIT, in this order, in one round trip. */
  last?: Statement[];
};

/**
 * A transaction on one reserved connection, pipelined: BEGIN goes out with the body's first statement,
 * and the statements the body hands back go out together with COMMIT (one write, one round trip). The
 * row locks those last statements take live only while PostgreSQL executes them and flushes the
 * commit, never while this process is busy with other work. If one of them fails, PostgreSQL skips the
 * rest and turns the COMMIT into a ROLLBACK, and its error is thrown. Commits stay durable.
 *
 * `admit` (e.g. a per-row gate) is awaited before a connection is taken, so waiting for it never holds
 * a pooled connection that other requests need; it is released when the transaction is over.
 */
export async function pipelinedTransaction<T>(
  db: Db,
  body: (conn: Reserved) => Promise<Ending<T>>,
  opts: { admit?: () => Promise<() => void> } = {},
): Promise<T> {
  const release = opts.admit ? await opts.admit() : () => {};
  try {
    const conn = await rawSql(db).reserve();
    let open = true;
    try {
      // Queries are lazy in postgres-js: execute() sends them now, in this order.
      const begun = conn.unsafe("begin").execute();
      const { result, last = [] } = await inTransactionScope(() => body(conn));
      const sent = [
        ...last.map((s) => conn.unsafe(s.text, s.params as never[], { prepare: true }).execute()),
        conn.unsafe("commit").execute(),
      ];
      const settled = await Promise.allSettled([begun, ...sent]);
      open = false;
      const failed = settled.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      if (failed) throw failed.reason;
      const commit = settled.at(-1) as PromiseFulfilledResult<{ command?: string }>;
      if (commit.value.command !== "COMMIT")
        throw new Error("pipelinedTransaction: the commit did not commit");
      return result;
    } catch (e) {
      if (open) await conn.unsafe("rollback").catch(() => {});
      throw e;
    } finally {
      conn.release();
    }
  } finally {
    release();
  }
}
