import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKeys } from "@/db/schema";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import {
  claimKey,
  claimKeySql,
  findKey,
  idempotentRequest,
  requestHash,
  type IdempotentRequest,
} from "./idempotency";

const t = setupTestDb();

describe("requestHash", () => {
  it("ignores key order and absent fields, not values or array order", () => {
    const a = requestHash({ items: [{ variantId: "v", quantity: 1 }], note: undefined, to: "x" });
    expect(requestHash({ to: "x", items: [{ quantity: 1, variantId: "v" }] })).toBe(a);
    expect(requestHash({ to: "x", items: [{ quantity: 2, variantId: "v" }] })).not.toBe(a);
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
});

describe("idempotentRequest", () => {
  it("is null without a key", () => {
    expect(idempotentRequest({ userId: "u", scope: "orders", key: undefined }, {})).toBeNull();
    expect(idempotentRequest({ userId: "u", scope: "orders", key: "" }, {})).toBeNull();
    expect(idempotentRequest({ userId: "u", scope: "orders", key: "k" }, { a: 1 })).toEqual({
      userId: "u",
      scope: "orders",
      key: "k",
      hash: requestHash({ a: 1 }),
    });
  });
});

describe("claimKey", () => {
  const keysOf = (userId: string, key: string) =>
    t.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));

  it("claims once; the same request then gets the first resource, another request 422", async () => {
    const c = await makeCustomer(t.db);
    const req = idempotentRequest({ userId: c.id, scope: "transfers", key: "k" }, { a: 1 })!;
    const first = randomUUID();
    expect(await t.db.transaction((tx) => claimKey(tx, req, first))).toBeNull();
    expect(await t.db.transaction((tx) => claimKey(tx, req, randomUUID()))).toBe(first);
    expect(await findKey(t.db, req)).toBe(first);

    const other = idempotentRequest({ userId: c.id, scope: "transfers", key: "k" }, { a: 2 })!;
    await expect(t.db.transaction((tx) => claimKey(tx, other, randomUUID()))).rejects.toMatchObject({
      status: 422,
      code: "idempotency.key_reused",
    });
    await expect(findKey(t.db, other)).rejects.toMatchObject({ status: 422 });
    // The same key in another scope is another key.
    const order = idempotentRequest({ userId: c.id, scope: "orders", key: "k" }, { a: 2 })!;
    expect(await t.db.transaction((tx) => claimKey(tx, order, randomUUID()))).toBeNull();
    expect(await keysOf(c.id, "k")).toHaveLength(2);
  });

  it("leaves no key behind when the creating transaction rolls back", async () => {
    const c = await makeCustomer(t.db);
    const req = idempotentRequest({ userId: c.id, scope: "orders", key: "rolled-back" }, {})!;
    await expect(
      t.db.transaction(async (tx) => {
        await claimKey(tx, req, randomUUID());
        throw new Error("the creation failed");
      }),
    ).rejects.toThrow("the creation failed");
    expect(await findKey(t.db, req)).toBeNull();
    expect(await t.db.transaction((tx) => claimKey(tx, req, randomUUID()))).toBeNull();
  });
});

describe("claimKeySql", () => {
  const claimIf = (req: IdempotentRequest, id: string, ok: boolean) =>
    t.db.execute<{ claimed: boolean | null }>(sql`
      with ok as (select 1 where ${ok}), k as (${claimKeySql(req, id, sql`select 1 from ok`)})
      select (select claimed from k) as claimed`);

  it("claims inline only when its condition has a row, and only once", async () => {
    const c = await makeCustomer(t.db);
    const req = idempotentRequest({ userId: c.id, scope: "reservation", key: "inline" }, { q: 1 })!;
    const id = randomUUID();
    expect((await claimIf(req, id, false))[0]!.claimed).toBeNull();
    expect(await findKey(t.db, req)).toBeNull();
    expect((await claimIf(req, id, true))[0]!.claimed).toBe(true);
    expect((await claimIf(req, randomUUID(), true))[0]!.claimed).toBeNull();
    expect(await findKey(t.db, req)).toBe(id);
  });
});
