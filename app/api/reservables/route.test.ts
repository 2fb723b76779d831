import { addDays } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, reservables, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { demoActors, seedDemo } from "@/test/factories";
import { GET as managed } from "./managed/route";
import { GET, POST } from "./route";

const t = setupTestDb();
const who: Record<string, UserActor> = {};
let s26: { productId: string; variantId: string };
let stb5: { productId: string; variantId: string };
let stockVariant: string;
const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(reservables))[0]!.n;

async function variantOf(nameEn: string) {
  const [v] = await t.db
    .select({ productId: products.id, variantId: variants.id })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(products.nameEn, nameEn));
  return v!;
}

beforeAll(async () => {
  await seedDemo(t.db);
  Object.assign(who, await demoActors(t.db));
  s26 = await variantOf("Galaxy S26 Pre-order");
  stb5 = await variantOf("Genie TV Set-top Box 5 Pre-order");
  stockVariant = (await variantOf("Galaxy S25")).variantId;
});

const launch = addDays(new Date(), 30);
const preorder = (variantId: string, extra: Record<string, unknown> = {}) => ({
  variantId,
  capacity: 300,
  perCustomerLimit: 1,
  opensAt: new Date().toISOString(),
  launchAt: launch.toISOString(),
  cancelDeadline: addDays(launch, -1).toISOString(),
  ...extra,
});

describe("GET /api/reservables", () => {
  it("lists what anyone can reserve, filtered by product, with availability and the limit", async () => {
    const res = await call(GET, { url: `/api/reservables?productId=${s26.productId}` });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({
      productId: s26.productId,
      kind: "preorder",
      capacity: expect.any(Number),
      available: expect.any(Number),
      perCustomerLimit: 1,
    });
    // The seed's pre-orders name where they ship from once released (a logistics center).
    expect(res.body[0].locationId).toEqual(expect.any(String));
    const slots = await call(GET, { url: "/api/reservables?kind=slot" });
    expect(slots.body.length).toBeGreaterThan(100);
    expect(slots.body[0]).toMatchObject({
      locationId: expect.any(String),
      startsAt: expect.any(String),
      endsAt: expect.any(String),
    });
  });

  it("answers 422 for a productId that is not an id and for an unknown filter", async () => {
    expect((await call(GET, { url: "/api/reservables?productId=abc" })).status).toBe(422);
    expect((await call(GET, { url: "/api/reservables?sort=price" })).status).toBe(422);
  });
});

describe("POST /api/reservables (a pre-order allocation)", () => {
  it("marketing creates one for any reservation product; the product's seller for their own", async () => {
    const m = await call(POST, { as: who.marketing, body: preorder(s26.variantId) });
    expect(m.status).toBe(201);
    const [row] = await t.db.select().from(reservables).where(eq(reservables.id, m.body.id));
    expect(row).toMatchObject({
      kind: "preorder",
      capacity: 300,
      perCustomerLimit: 1,
      taken: 0,
      productId: s26.productId,
    });
    const s = await call(POST, {
      as: who.seller2,
      body: preorder(stb5.variantId, { perCustomerLimit: null, holdMinutes: 30 }),
    });
    expect(s.status).toBe(201);
  });

  it("refuses another seller's product (422 on variantId), dealers and customers (403), anonymous (401)", async () => {
    const before = await count();
    const other = await call(POST, { as: who.seller, body: preorder(s26.variantId) });
    expect(other.status).toBe(422);
    expect(other.body.errors).toHaveProperty("variantId");
    expect((await call(POST, { as: who.dealer, body: preorder(s26.variantId) })).status).toBe(403);
    expect((await call(POST, { as: who.customer, body: preorder(s26.variantId) })).status).toBe(403);
    expect((await call(POST, { body: preorder(s26.variantId) })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it.each([
    ["malformed JSON", { rawBody: "{" }, 400, undefined],
    ["a stock product", { body: "stock" }, 422, "variantId"],
    ["a negative capacity", { body: { capacity: -1 } }, 422, "capacity"],
    ["a huge capacity", { body: { capacity: 1e12 } }, 422, "capacity"],
    ["a capacity as text", { body: { capacity: "300" } }, 422, "capacity"],
    ["a zero limit", { body: { perCustomerLimit: 0 } }, 422, "perCustomerLimit"],
    [
      "a launch before the opening",
      { body: { launchAt: new Date(Date.now() - 86_400_000).toISOString() } },
      422,
      "launchAt",
    ],
    ["a time without an offset", { body: { opensAt: "2026-12-01T10:00:00" } }, 422, "opensAt"],
    ["an unknown field", { body: { taken: 5 } }, 422, "taken"],
    ["a missing field", { body: { capacity: undefined } }, 422, "capacity"],
  ])("answers %s with a problem and creates nothing", async (_l, opts, status, field) => {
    const before = await count();
    const o = opts as { rawBody?: string; body?: unknown };
    const body =
      o.body === "stock"
        ? preorder(stockVariant)
        : o.body
          ? preorder(s26.variantId, o.body as Record<string, unknown>)
          : undefined;
    const res = await call(POST, {
      as: who.marketing,
      ...(o.rawBody !== undefined ? { rawBody: o.rawBody } : { body }),
    });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await count()).toBe(before);
  });
});

describe("GET /api/reservables/managed", () => {
  it("shows each staff member only what they run, with counts", async () => {
    const dealer = await call(managed, { as: who.dealer });
    expect(dealer.status).toBe(200);
    expect(dealer.body.length).toBe(2 * 7 * 4); // two dealer hubs, a week of four slots a day
    expect(dealer.body.every((r: { kind: string }) => r.kind === "slot")).toBe(true);
    expect(dealer.body[0].counts).toEqual({ pending: 0, confirmed: 0, paid: 0, waiting: 0 });
    const marketing = await call(managed, { as: who.marketing });
    expect(marketing.body.filter((r: { kind: string }) => r.kind === "slot").length).toBe(3 * 7 * 4); // the org hubs
    expect(marketing.body.some((r: { kind: string }) => r.kind === "preorder")).toBe(true);
    const seller2 = await call(managed, { as: who.seller2 });
    expect(seller2.body.every((r: { productId: string }) => r.productId === stb5.productId)).toBe(true);
    expect((await call(managed, { as: who.customer })).status).toBe(403);
    expect((await call(managed)).status).toBe(401);
  });
});
