import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setupTestDb } from "@/test/db";
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
