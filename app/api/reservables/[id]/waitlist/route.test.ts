import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { waitlistEntries } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { makeReservable } from "@/lib/reservations/testing";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { POST as reserve } from "../../../reservations/route";
import { POST } from "./route";

const t = setupTestDb();
let dealer: UserActor;
const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(waitlistEntries))[0]!.n;

beforeAll(async () => {
  await seedDemo(t.db);
  dealer = await actorFor(t.db, "dealer@demo.test");
});

async function fullReservable() {
  const r = await makeReservable(t.db, { capacity: 1, perCustomerLimit: 2 });
  await call(reserve, { as: await makeCustomer(t.db), body: { reservableId: r.id, quantity: 1 } });
  await settleUntilIdle(t.db);
  return r;
}

describe("POST /api/reservables/{id}/waitlist", () => {
  it("puts customers in line in arrival order: 201 { id, position }", async () => {
    const r = await fullReservable();
    const a = await call(POST, { as: await makeCustomer(t.db), params: { id: r.id }, body: {} });
    const b = await call(POST, { as: await makeCustomer(t.db), params: { id: r.id }, body: { quantity: 2 } });
    expect([a.status, a.body.position, b.status, b.body.position]).toEqual([201, 1, 201, 2]);
    const [row] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, b.body.id));
    expect(row!.quantity).toBe(2);
  });

  it("is 409 when there is room (reserve instead), and over the per-customer limit", async () => {
    const roomy = await makeReservable(t.db, { capacity: 5 });
    const c = await makeCustomer(t.db);
    const res = await call(POST, { as: c, params: { id: roomy.id }, body: {} });
    expect([res.status, res.body.code]).toEqual([409, "waitlist.has_room"]);
    const full = await fullReservable();
    expect((await call(POST, { as: c, params: { id: full.id }, body: { quantity: 3 } })).status).toBe(409);
  });

  it.each([
    ["malformed JSON", { rawBody: "[" }, 400, undefined],
    ["a negative quantity", { body: { quantity: -1 } }, 422, "quantity"],
    ["a huge quantity", { body: { quantity: 100_000 } }, 422, "quantity"],
    ["an unknown field", { body: { position: 1 } }, 422, "position"],
  ])("answers %s with a problem, adding nobody", async (_l, opts, status, field) => {
    const r = await fullReservable();
    const before = await count();
    const res = await call(POST, { as: await makeCustomer(t.db), params: { id: r.id }, ...opts });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await count()).toBe(before);
  });

  it("refuses anonymous (401) and staff (403); an unknown or non-UUID reservable is 404", async () => {
    const r = await fullReservable();
    const before = await count();
    expect((await call(POST, { params: { id: r.id }, body: {} })).status).toBe(401);
    expect((await call(POST, { as: dealer, params: { id: r.id }, body: {} })).status).toBe(403);
    const c = await makeCustomer(t.db);
    expect((await call(POST, { as: c, params: { id: "x" }, body: {} })).status).toBe(404);
    expect(
      (await call(POST, { as: c, params: { id: "00000000-0000-4000-8000-000000000000" }, body: {} })).status,
    ).toBe(404);
    expect(await count()).toBe(before);
  });
});
