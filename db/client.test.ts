import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setupTestDb } from "@/test/db";
import { ceilingFor, connectionTarget, createDb, directDatabaseUrl, timeoutsFromEnv } from "./client";
import { prepared } from "./raw";
import { users } from "./schema";

const t = setupTestDb();

describe("the drizzle client", () => {
  it("runs parameterized queries as named prepared statements, inside transactions and savepoints too", async () => {
    const prepared = await t.db.transaction(async (tx) => {
      await tx.select().from(users).where(eq(users.email, "nobody@demo.test"));
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select ${1}::int as one`);
      });
      const [row] = await tx.execute<{ statements: string[] }>(
        sql`select array_agg(statement) as statements from pg_prepared_statements where ${true}`,
      );
      return row!.statements ?? [];
    });
    expect(prepared.some((s) => s.includes('from "users"'))).toBe(true);
    expect(prepared.some((s) => s.includes("as one"))).toBe(true);
  });

  it("still runs plain multi-statement text (no parameters) through the simple protocol", async () => {
    // PostgreSQL refuses several statements in one prepared statement; the simple protocol takes them.
    const results = (await t.db.execute(sql.raw("select 1 as a; select 2 as b"))) as unknown as unknown[][];
    expect(results.map((r) => r[0])).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe("a DATABASE_URL through a transaction pooler (?pooler=transaction)", () => {
  it("is told from a direct one, and the parameter does not reach PostgreSQL", () => {
    expect(connectionTarget("postgres://u:p@h:6432/hub?pooler=transaction")).toEqual({ url: "postgres://u:p@h:6432/hub", pooled: true });
    expect(connectionTarget("postgres://u:p@h:6432/hub?sslmode=require&pooler=transaction")).toEqual({
      url: "postgres://u:p@h:6432/hub?sslmode=require",
      pooled: true,
    });
    expect(connectionTarget("postgres://u:p@h:5432/hub")).toEqual({ url: "postgres://u:p@h:5432/hub", pooled: false });
    expect(() => connectionTarget("postgres://u:p@h/hub?pooler=statement")).toThrow(/pooler=transaction/);
  });

  it("prepares nothing and sends no session settings at connect (PgBouncer refuses them); a direct one does both", async () => {
    const probe = async (url: string) => {
      const { db, sql: client } = createDb(url, { max: 1 });
      try {
        await db.select().from(users).where(eq(users.email, "nobody@demo.test"));
        await prepared(db, "select $1::int as one", [1]);
        const [row] = await db.execute<{ n: number; timeout: string }>(
          sql`select (select count(*)::int from pg_prepared_statements) as n, current_setting('statement_timeout') as timeout`,
        );
        return row!;
      } finally {
        await client.end();
      }
    };
    expect(await probe(`${t.url}?pooler=transaction`)).toEqual({ n: 0, timeout: "0" });
    const direct = await probe(t.url);
    expect(direct.n).toBeGreaterThan(0);
    expect(direct.timeout).toBe("30s");
  });

  it("needs DATABASE_DIRECT_URL for LISTEN and migrations", () => {
    const saved = { url: process.env.DATABASE_URL, direct: process.env.DATABASE_DIRECT_URL };
    try {
      process.env.DATABASE_URL = `${t.url}?pooler=transaction`;
      delete process.env.DATABASE_DIRECT_URL;
      expect(() => directDatabaseUrl()).toThrow(/DATABASE_DIRECT_URL/);
      process.env.DATABASE_DIRECT_URL = t.url;
      expect(directDatabaseUrl()).toBe(t.url);
    } finally {
      process.env.DATABASE_URL = saved.url;
      if (saved.direct === undefined) delete process.env.DATABASE_DIRECT_URL;
      else process.env.DATABASE_DIRECT_URL = saved.direct;
    }
  });
});

describe("the query ceiling (DB_QUERY_CEILING_MS)", () => {
  it("is the statement limit plus 5 s unless set, and none without a statement limit (the worker's)", () => {
    expect(ceilingFor(30_000)).toBe(35_000);
    expect(ceilingFor(0)).toBe(0);
    const saved = process.env.DB_QUERY_CEILING_MS;
    try {
      delete process.env.DB_QUERY_CEILING_MS;
      expect(timeoutsFromEnv().queryCeilingMs).toBeUndefined(); // derived from the statement limit
      process.env.DB_QUERY_CEILING_MS = "45000";
      expect(timeoutsFromEnv().queryCeilingMs).toBe(45_000);
    } finally {
      if (saved === undefined) delete process.env.DB_QUERY_CEILING_MS;
      else process.env.DB_QUERY_CEILING_MS = saved;
    }
  });
});
