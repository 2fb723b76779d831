import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, reservables, reservations } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { demoStaff, openPreorder } from "@/test/reservation-fixtures";
import { GET as getOne } from "./[id]/route";
import { GET, POST } from "./route";

const t = setupTestDb();
let customer: UserActor;
let customer2: UserActor;
let staff: UserActor[];
let open: { id: string }; // a pre-order without a per-customer limit
let limited: { id: string; perCustomerLimit: number | null };

const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(reservations))[0]!.n;

beforeAll(async () => {
  await seedDemo(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
  customer2 = await actorFor(t.db, "customer2@demo.test");
  staff = await demoStaff(t.db);
  open = await openPreorder(t.db);
  limited = (
    await t.db
      .select()
      .from(reservables)
      .where(and(eq(reservables.kind, "preorder"), eq(reservables.perCustomerLimit, 1)))
  )[0]!;
});

describe("POST /api/reservations", () => {
  it("answers 202 pending at once; the worker decides later", async () => {
    const res = await call(POST, { as: customer, body: { reservableId: open.id, quantity: 2 } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: "pending" });
    expect(res.headers.get("location")).toBe(`/api/reservations/${res.body.id}`);
    const one = await call(getOne, { as: customer, params: { id: res.body.id } });
    expect(one.body).toMatchObject({
      id: res.body.id,
      reservableId: open.id,
      quantity: 2,
      status: "pending",
      queuePosition: expect.any(Number),
    });
    await settleUntilIdle(t.db);
    const after = await call(getOne, { as: customer, params: { id: res.body.id } });
    expect(after.body).toMatchObject({ status: "confirmed", holdExpiresAt: expect.any(String) });
    expect(after.body.queuePosition).toBeUndefined();
  });

  it("defaults the quantity to 1", async () => {
    const res = await call(POST, { as: customer2, body: { reservableId: open.id } });
    expect(res.status).toBe(202);
    const [row] = await t.db.select().from(reservations).where(eq(reservations.id, res.body.id));
    expect(row!.quantity).toBe(1);
  });

  it("honours Idempotency-Key: the same key gives the first result and creates nothing", async () => {
    const c = await makeCustomer(t.db);
    const headers = { "idempotency-key": "launch-1" };
    const a = await call(POST, { as: c, body: { reservableId: open.id, quantity: 1 }, headers });
    const before = await count();
    const b = await call(POST, { as: c, body: { reservableId: open.id, quantity: 1 }, headers });
    expect(b.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(before);
    const reused = await call(POST, { as: c, body: { reservableId: open.id, quantity: 3 }, headers });
    expect([reused.status, reused.body.code]).toEqual([422, "idempotency.key_reused"]);
    const long = await call(POST, {
      as: c,
      body: { reservableId: open.id },
      headers: { "idempotency-key": "x".repeat(201) },
    });
    expect(long.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it("refuses more than the per-customer limit with 409", async () => {
    const res = await call(POST, { as: customer, body: { reservableId: limited.id, quantity: 2 } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("reservation.over_limit");
  });

  it.each([
    ["malformed JSON", { rawBody: "{nope" }, 400, undefined],
    ["an empty body", { rawBody: "" }, 400, undefined],
    ["a missing reservableId", { body: { quantity: 1 } }, 422, "reservableId"],
    [
      "an unknown field",
      { body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: 1, price: 1 } },
      422,
      "price",
    ],
    [
      "a string quantity",
      { body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: "1" } },
      422,
      "quantity",
    ],
    [
      "a zero quantity",
      { body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: 0 } },
      422,
      "quantity",
    ],
    [
      "a negative quantity",
      { body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: -3 } },
      422,
      "quantity",
    ],
    [
      "a huge quantity",
      { body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: 1e9 } },
      422,
      "quantity",
    ],
    [
      "a fractional quantity",
      { body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: 1.5 } },
      422,
      "quantity",
    ],
    ["a reservableId that is no id", { body: { reservableId: "abc", quantity: 1 } }, 422, "reservableId"],
    ["an array body", { body: [] }, 422, undefined],
  ])("answers %s with a problem and writes nothing", async (_label, opts, status, field) => {
    const before = await count();
    const res = await call(POST, { as: customer, ...opts });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await count()).toBe(before);
  });

  it("answers 404 for a reservable that does not exist", async () => {
    const res = await call(POST, {
      as: customer,
      body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: 1 },
    });
    expect(res.status).toBe(404);
  });

  it("answers 409 for a reservable not open yet, and for one called off", async () => {
    await t.db.execute(
      sql`update reservables set opens_at = now() + interval '1 hour' where id = ${limited.id}`,
    );
    const notYet = await call(POST, { as: customer2, body: { reservableId: limited.id, quantity: 1 } });
    expect([notYet.status, notYet.body.code]).toEqual([409, "reservable.not_open"]);
    await t.db.execute(
      sql`update reservables set opens_at = now() - interval '1 hour' where id = ${limited.id}`,
    );
  });

  it("refuses anonymous (401) and staff (403), writing nothing", async () => {
    const before = await count();
    const anon = await call(POST, { body: { reservableId: open.id, quantity: 1 } });
    expect(anon.status).toBe(401);
    expect(anon.headers.get("content-type")).toBe("application/problem+json");
    for (const s of staff) {
      const res = await call(POST, { as: s, body: { reservableId: open.id, quantity: 1 } });
      expect(res.status).toBe(403);
    }
    expect(await count()).toBe(before);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "never"))).toHaveLength(0);
  });
});

describe("GET /api/reservations", () => {
  it("lists only the customer's own, newest first", async () => {
    const c = await makeCustomer(t.db);
    const a = await call(POST, { as: c, body: { reservableId: open.id, quantity: 1 } });
    const b = await call(POST, { as: c, body: { reservableId: open.id, quantity: 2 } });
    const res = await call(GET, { as: c });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([b.body.id, a.body.id]);
    expect(res.body[0]).toMatchObject({
      reservable: { id: open.id, productName: { ko: expect.any(String), en: expect.any(String) } },
    });
  });

  it("refuses anonymous (401) and staff (403)", async () => {
    expect((await call(GET)).status).toBe(401);
    for (const s of staff) expect((await call(GET, { as: s })).status).toBe(403);
  });
});

describe("GET /api/reservations/{id}", () => {
  it("is 404 for another customer's reservation and for an id that is not a UUID; 401 anonymous", async () => {
    const mine = await call(POST, { as: customer, body: { reservableId: open.id, quantity: 1 } });
    expect((await call(getOne, { as: customer2, params: { id: mine.body.id } })).status).toBe(404);
    expect((await call(getOne, { as: customer, params: { id: "not-a-uuid" } })).status).toBe(404);
    expect((await call(getOne, { params: { id: mine.body.id } })).status).toBe(401);
    expect((await call(getOne, { as: staff[0], params: { id: mine.body.id } })).status).toBe(403);
  });
});
