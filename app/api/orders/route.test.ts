import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orders, payments, products, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { address, demoIds, setStock, stockAt } from "@/test/orders-fixtures";
import { GET as getOne } from "./[id]/route";
import { POST as cancel } from "./[id]/cancel/route";
import { GET as list, POST } from "./route";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor;
let dealer: UserActor;
let hub: string;
let phone: string;

const countOrders = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(orders))[0]!.n;
const body = (over: Record<string, unknown> = {}) => ({
  items: [{ variantId: phone, quantity: 1 }],
  sourceLocationId: hub,
  shippingAddress: address(),
  ...over,
});

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
  dealer = await actorFor(t.db, "dealer@demo.test");
  hub = ids.loc("HUB-BUNDANG");
  phone = ids.variant("SM-S931N-1-1");
  await setStock(t.db, hub, phone, 100);
});

describe("POST /api/orders", () => {
  it("places an order: 201 with the API contract's fields", async () => {
    const res = await call(POST, { as: customer, body: body() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: "confirmed",
      total: ids.price("SM-S931N-1-1"),
      shippingFee: 0,
      items: [
        {
          variantId: phone,
          sku: "SM-S931N-1-1",
          quantity: 1,
          price: ids.price("SM-S931N-1-1"),
          sellerOrderId: expect.any(String),
        },
      ],
      sellerOrders: [
        { id: expect.any(String), sellerId: expect.any(String), sourceLocationId: hub, status: "confirmed" },
      ],
    });
    expect(res.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("answers 409 naming the item and the source when short, reserving nothing", async () => {
    const v = ids.variant("SM-S931N-1-2");
    await setStock(t.db, hub, v, 1);
    const before = await countOrders();
    const res = await call(POST, { as: customer, body: body({ items: [{ variantId: v, quantity: 2 }] }) });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({
      code: "order.insufficient_stock",
      sku: "SM-S931N-1-2",
      locationCode: "HUB-BUNDANG",
      available: 1,
      requested: 2,
    });
    expect(res.body.detail).toContain("SM-S931N-1-2");
    expect(await countOrders()).toBe(before);
    expect(await stockAt(t.db, hub, v)).toEqual({ onHand: 1, reserved: 0 });
  });

  it("answers 409 order.product_unavailable naming a product taken off sale, ordering nothing", async () => {
    const bank = ids.variant("EB-U2510-1");
    await setStock(t.db, hub, bank, 5);
    const [v] = await t.db.select({ productId: variants.productId }).from(variants).where(eq(variants.id, bank));
    await t.db.update(products).set({ status: "paused" }).where(eq(products.id, v!.productId));
    try {
      const before = await countOrders();
      const items = [
        { variantId: phone, quantity: 1 },
        { variantId: bank, quantity: 1 },
      ];
      const res = await call(POST, { as: customer, body: body({ items }) });
      expect(res.status).toBe(409);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({
        code: "order.product_unavailable",
        variantId: bank,
        sku: "EB-U2510-1",
        productNameEn: "25W Wireless Power Bank 10,000 mAh",
        productStatus: "paused",
      });
      expect(res.body.detail).toContain("25W Wireless Power Bank");
      expect(await countOrders()).toBe(before);
      expect(await stockAt(t.db, hub, bank)).toEqual({ onHand: 5, reserved: 0 });
    } finally {
      await t.db.update(products).set({ status: "on_sale" }).where(eq(products.id, v!.productId));
    }
  });

  it("answers 402 payment.declined for the decline test card, reserving nothing", async () => {
    const before = await stockAt(t.db, hub, phone);
    const res = await call(POST, {
      as: customer,
      body: body({ payment: { cardNumber: "4000000000000002" } }),
    });
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({ code: "payment.declined", reason: "card_declined" });
    expect(await stockAt(t.db, hub, phone)).toEqual(before);
  });

  describe("Idempotency-Key", () => {
    it("returns the first order (200, Idempotent-Replayed) for the same key", async () => {
      const headers = { "idempotency-key": "route-key-1" };
      const first = await call(POST, { as: customer, body: body(), headers });
      const again = await call(POST, { as: customer, body: body(), headers });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body.id).toBe(first.body.id);
    });

    it("refuses the same key with a different body: 422 idempotency.key_reused", async () => {
      const headers = { "idempotency-key": "route-key-2" };
      await call(POST, { as: customer, body: body(), headers });
      const res = await call(POST, {
        as: customer,
        body: body({ items: [{ variantId: phone, quantity: 3 }] }),
        headers,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe("idempotency.key_reused");
    });

    it("makes one order of the same key sent 20 times at once", async () => {
      const shopper = await makeCustomer(t.db);
      const before = await stockAt(t.db, hub, phone);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          call(POST, { as: shopper, body: body(), headers: { "idempotency-key": "same-20" } }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(19);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await stockAt(t.db, hub, phone)).toEqual({ ...before, reserved: before.reserved + 1 });
    });

    it("refuses a key over 200 characters with 400", async () => {
      const res = await call(POST, {
        as: customer,
        body: body(),
        headers: { "idempotency-key": "k".repeat(201) },
      });
      expect(res.status).toBe(400);
    });
  });

  it.each([
    ["malformed JSON", { rawBody: "{nope" }, 400, null],
    ["an empty body", { rawBody: "" }, 400, null],
    ["an array body", { body: [] }, 422, "(body)"],
    [
      "items of the wrong type",
      { body: { items: "phone", sourceLocationId: "x", shippingAddress: {} } },
      422,
      "items",
    ],
    ["no shipping address", { bodyFn: () => body({ shippingAddress: undefined }) }, 422, "shippingAddress"],
    ["an unknown field", { bodyFn: () => body({ coupon: "FREE" }) }, 422, "coupon"],
    [
      "an unknown field in a line",
      { bodyFn: () => body({ items: [{ variantId: phone, quantity: 1, price: 1 }] }) },
      422,
      "items.0.price",
    ],
    [
      "a negative quantity",
      { bodyFn: () => body({ items: [{ variantId: phone, quantity: -1 }] }) },
      422,
      "items.0.quantity",
    ],
    [
      "a huge quantity",
      { bodyFn: () => body({ items: [{ variantId: phone, quantity: 1e12 }] }) },
      422,
      "items.0.quantity",
    ],
    [
      "a fractional quantity",
      { bodyFn: () => body({ items: [{ variantId: phone, quantity: 1.5 }] }) },
      422,
      "items.0.quantity",
    ],
    [
      "a quantity as a string",
      { bodyFn: () => body({ items: [{ variantId: phone, quantity: "1" }] }) },
      422,
      "items.0.quantity",
    ],
    [
      "a variant id that is not an id",
      { bodyFn: () => body({ items: [{ variantId: "abc", quantity: 1 }] }) },
      422,
      "items.0.variantId",
    ],
    [
      "a huge name",
      { bodyFn: () => body({ shippingAddress: { ...address(), name: "x".repeat(10_000) } }) },
      422,
      "shippingAddress.name",
    ],
    [
      "a bad phone",
      { bodyFn: () => body({ shippingAddress: { ...address(), phone: "call me" } }) },
      422,
      "shippingAddress.phone",
    ],
  ])("answers %s with a problem naming the field, writing nothing", async (_label, opts, status, field) => {
    const before = await countOrders();
    const { bodyFn, ...rest } = opts as { bodyFn?: () => unknown; body?: unknown; rawBody?: string };
    const res = await call(POST, {
      method: "POST",
      as: customer,
      ...rest,
      ...(bodyFn ? { body: bodyFn() } : {}),
    });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    if (field) expect(Object.keys(res.body.errors)).toContain(field);
    expect(await countOrders()).toBe(before);
  });

  it("refuses the anonymous (401) and every staff role (403), writing nothing", async () => {
    const before = await countOrders();
    expect((await call(POST, { body: body() })).status).toBe(401);
    for (const email of [
      "dealer@demo.test",
      "dealer2@demo.test",
      "marketing@demo.test",
      "seller@demo.test",
      "seller2@demo.test",
    ]) {
      const res = await call(POST, { as: await actorFor(t.db, email), body: body() });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await countOrders()).toBe(before);
    const staffPayments = await t.db.execute(
      sql`select count(*)::int as n from ${payments} p join users u on u.id = p.customer_id where u.role <> 'customer'`,
    );
    expect(staffPayments[0]!.n).toBe(0);
  });
});

describe("GET /api/orders and /api/orders/{id}", () => {
  it("lists my orders, newest first; staff are refused", async () => {
    const shopper = await makeCustomer(t.db);
    const a = await call(POST, { as: shopper, body: body() });
    const b = await call(POST, { as: shopper, body: body({ items: [{ variantId: phone, quantity: 2 }] }) });
    const res = await call(list, { as: shopper, url: "/api/orders?page=1" });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([b.body.id, a.body.id]);
    expect(res.body.items[0]).toMatchObject({
      itemCount: 2,
      sellerOrderCount: 1,
      firstItemName: "갤럭시 S25",
      firstItemNameEn: "Galaxy S25",
    });
    expect((await call(list, { as: dealer })).status).toBe(403);
    expect((await call(list, {})).status).toBe(401);
    expect((await call(list, { as: shopper, url: "/api/orders?page=0" })).status).toBe(422);
    expect((await call(list, { as: shopper, url: "/api/orders?page=abc" })).status).toBe(422);
    expect((await call(list, { as: shopper, url: "/api/orders?sort=x" })).status).toBe(422);
  });

  it("shows an order to its customer and to staff whose part it is; 404 to anyone else", async () => {
    const placed = await call(POST, { as: customer, body: body() });
    const id = placed.body.id;
    const mine = await call(getOne, { as: customer, params: { id } });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id, status: "confirmed", total: placed.body.total, shippingFee: 0 });
    expect(mine.body.sellerOrders[0].events).toEqual([
      expect.objectContaining({ toStatus: "confirmed", by: "customer" }),
    ]);
    expect((await call(getOne, { as: dealer, params: { id } })).status).toBe(200);
    expect((await call(getOne, { as: await makeCustomer(t.db), params: { id } })).status).toBe(404);
    expect(
      (await call(getOne, { as: await actorFor(t.db, "dealer2@demo.test"), params: { id } })).status,
    ).toBe(404);
    expect(
      (await call(getOne, { as: await actorFor(t.db, "seller@demo.test"), params: { id } })).status,
    ).toBe(404);
    expect((await call(getOne, { params: { id } })).status).toBe(401);
    expect((await call(getOne, { as: customer, params: { id: "not-a-uuid" } })).status).toBe(404);
    expect(
      (await call(getOne, { as: customer, params: { id: "00000000-0000-4000-8000-000000000000" } })).status,
    ).toBe(404);
  });
});

describe("POST /api/orders/{id}/cancel", () => {
  it("cancels before shipping: 200 cancelled, stock released; again is 409", async () => {
    const before = await stockAt(t.db, hub, phone);
    const placed = await call(POST, {
      as: customer,
      body: body({ items: [{ variantId: phone, quantity: 3 }] }),
    });
    expect(await stockAt(t.db, hub, phone)).toEqual({ ...before, reserved: before.reserved + 3 });
    const res = await call(cancel, {
      as: customer,
      params: { id: placed.body.id },
      body: { reason: "wrong colour" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: placed.body.id, status: "cancelled", cancelReason: "wrong colour" });
    expect(await stockAt(t.db, hub, phone)).toEqual(before);
    const again = await call(cancel, { as: customer, params: { id: placed.body.id }, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("order.already_cancelled");
  });

  it.each([
    ["malformed JSON", { rawBody: "{" }, 400],
    ["an empty body", { rawBody: "" }, 400],
    ["an unknown field", { body: { refundTo: "me" } }, 422],
    ["a reason of the wrong type", { body: { reason: 42 } }, 422],
    ["a huge reason", { body: { reason: "x".repeat(501) } }, 422],
  ])("answers %s with a problem and cancels nothing", async (_label, opts, status) => {
    const placed = await call(POST, { as: customer, body: body() });
    const res = await call(cancel, { method: "POST", as: customer, params: { id: placed.body.id }, ...opts });
    expect(res.status).toBe(status);
    expect((await call(getOne, { as: customer, params: { id: placed.body.id } })).body.status).toBe(
      "confirmed",
    );
  });

  it("refuses the anonymous (401), staff (403), another customer (404) and an unknown id (404)", async () => {
    const placed = await call(POST, { as: customer, body: body() });
    const id = placed.body.id;
    expect((await call(cancel, { params: { id }, body: {} })).status).toBe(401);
    expect((await call(cancel, { as: dealer, params: { id }, body: {} })).status).toBe(403);
    expect(
      (await call(cancel, { as: await actorFor(t.db, "marketing@demo.test"), params: { id }, body: {} }))
        .status,
    ).toBe(403);
    expect((await call(cancel, { as: await makeCustomer(t.db), params: { id }, body: {} })).status).toBe(404);
    expect((await call(cancel, { as: customer, params: { id: "x" }, body: {} })).status).toBe(404);
    expect((await call(getOne, { as: customer, params: { id } })).body.status).toBe("confirmed");
  });
});
