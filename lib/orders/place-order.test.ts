import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, orders, payments, sellerOrders, stockMovements } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { PaymentDeclined } from "@/lib/errors";
import { ledgerDrift } from "@/lib/inventory/queries";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { address, demoIds, setStock, stockAt } from "@/test/orders-fixtures";
import { FakePaymentProvider, TEST_CARDS } from "@/lib/payments/fake";
import { placeOrder } from "./place-order";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor;
const fake = new FakePaymentProvider();
const place = (actor: UserActor | null, body: unknown, key?: string) =>
  placeOrder(t.db, actor, body, { payments: fake, idempotencyKey: key });
const count = async (table: typeof orders | typeof payments | typeof idempotencyKeys) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
});

describe("placeOrder", () => {
  it("places a two-seller order: split per seller, reserved at each source, paid once", async () => {
    const hub = ids.loc("HUB-BUNDANG");
    const wh = ids.loc("WH-DIGITALPLAZA");
    const phone = ids.variant("SM-S931N-1-1");
    const router = ids.variant("DP-AX6E-1");
    await setStock(t.db, hub, phone, 10);
    await setStock(t.db, wh, router, 10);
    const { order, replayed } = await place(customer, {
      items: [
        { variantId: phone, quantity: 2 },
        { variantId: router, quantity: 1 },
      ],
      sourceLocationId: hub,
      shippingAddress: address(),
    });
    expect(replayed).toBe(false);
    expect(order.status).toBe("confirmed");
    expect(order.total).toBe(2 * ids.price("SM-S931N-1-1") + ids.price("DP-AX6E-1"));
    expect(order.shippingFee).toBe(0);
    expect(order.sellerOrders).toHaveLength(2);
    const bySource = Object.fromEntries(order.sellerOrders.map((so) => [so.sourceLocation.code, so]));
    expect(bySource["HUB-BUNDANG"]!.subtotal).toBe(2 * ids.price("SM-S931N-1-1"));
    expect(bySource["WH-DIGITALPLAZA"]!.subtotal).toBe(ids.price("DP-AX6E-1"));
    expect(order.items.find((i) => i.variantId === phone)!.sellerOrderId).toBe(bySource["HUB-BUNDANG"]!.id);

    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 10, reserved: 2 });
    expect(await stockAt(t.db, wh, router)).toEqual({ onHand: 10, reserved: 1 });
    const ledger = await t.db.select().from(stockMovements).where(eq(stockMovements.kind, "order_reserve"));
    expect(ledger.map((l) => [l.refType, l.refId, l.reservedDelta]).sort()).toEqual(
      [
        ["seller_order", bySource["HUB-BUNDANG"]!.id, 2],
        ["seller_order", bySource["WH-DIGITALPLAZA"]!.id, 1],
      ].sort(),
    );
    const [pay] = await t.db.select().from(payments).where(eq(payments.refId, order.id));
    expect(pay).toMatchObject({ status: "captured", amount: order.total, provider: "fake" });
    expect(fake.inspect(pay!.providerRef!)!.state).toBe("captured");
    const events = await t.db.execute(
      sql`select count(*)::int as n from seller_order_events e join seller_orders s on s.id = e.seller_order_id where s.order_id = ${order.id}`,
    );
    expect(events[0]!.n).toBe(2);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("refuses an order short at its source with 409 naming the item and the source, reserving nothing", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const a = ids.variant("SM-S931N-2-1");
    const b = ids.variant("SM-S931N-2-2");
    await setStock(t.db, hub, a, 5);
    await setStock(t.db, hub, b, 1);
    const ordersBefore = await count(orders);
    const authsBefore = fake.all().length;
    const err = await place(customer, {
      items: [
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 3 },
      ],
      sourceLocationId: hub,
      shippingAddress: address("seoul"),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: "order.insufficient_stock" });
    expect((err as { meta: Record<string, unknown> }).meta).toMatchObject({
      sku: "SM-S931N-2-2",
      locationCode: "HUB-GANGNAM",
      available: 1,
      requested: 3,
    });
    expect(await stockAt(t.db, hub, a)).toEqual({ onHand: 5, reserved: 0 });
    expect(await count(orders)).toBe(ordersBefore);
    // Refused before any payment was even authorized.
    expect(fake.all().length).toBe(authsBefore);
  });

  it("answers a declined card with 402 and reserves nothing; the attempt is on record", async () => {
    const hub = ids.loc("HUB-JONGNO");
    const v = ids.variant("SM-S931N-3-1");
    await setStock(t.db, hub, v, 5);
    const ordersBefore = await count(orders);
    const err = await place(customer, {
      items: [{ variantId: v, quantity: 1 }],
      sourceLocationId: hub,
      shippingAddress: address("seoul"),
      payment: { cardNumber: "4000 0000 0000 0002" },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentDeclined);
    expect(err).toMatchObject({ status: 402, code: "payment.declined", meta: { reason: "card_declined" } });
    expect(await stockAt(t.db, hub, v)).toEqual({ onHand: 5, reserved: 0 });
    expect(await count(orders)).toBe(ordersBefore);
    const declined = await t.db.select().from(payments).where(eq(payments.status, "declined"));
    expect(declined.at(-1)).toMatchObject({ customerId: customer.id, failureReason: "card_declined" });
  });

  it("undoes the order when the provider refuses to capture: stock released, 402", async () => {
    const hub = ids.loc("HUB-JONGNO");
    const v = ids.variant("SM-S931N-3-2");
    await setStock(t.db, hub, v, 5);
    const err = await place(customer, {
      items: [{ variantId: v, quantity: 2 }],
      sourceLocationId: hub,
      shippingAddress: address("seoul"),
      payment: { cardNumber: TEST_CARDS.captureFails },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 402, meta: { reason: "capture_failed" } });
    expect(await stockAt(t.db, hub, v)).toEqual({ onHand: 5, reserved: 0 });
    const [pay] = await t.db.select().from(payments).where(eq(payments.failureReason, "capture_failed"));
    const [order] = await t.db.select().from(orders).where(eq(orders.id, pay!.refId));
    expect(order!.status).toBe("cancelled");
    expect(fake.inspect(pay!.providerRef!)!.state).toBe("voided");
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("voids the authorization when the stock runs out between the check and the lock", async () => {
    // Two orders for the last unit: both pass the lock-free check, one loses under the lock.
    const hub = ids.loc("HUB-DUNSAN");
    const v = ids.variant("IP16-1-1");
    const results: PromiseSettledResult<unknown>[] = [];
    for (let round = 0; round < 10 && !results.some((r) => r.status === "rejected"); round++) {
      await setStock(t.db, hub, v, 1);
      results.push(
        ...(await Promise.allSettled(
          [1, 2].map(() =>
            place(customer, {
              items: [{ variantId: v, quantity: 1 }],
              sourceLocationId: hub,
              shippingAddress: address("daejeon"),
            }),
          ),
        )),
      );
    }
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        status: 409,
        code: "order.insufficient_stock",
      });
    const states = fake.all().map((a) => a.state);
    expect(states).not.toContain("authorized"); // every authorization was captured or voided
  });

  describe("input", () => {
    const base = () => ({
      items: [{ variantId: ids.variant("SM-S931N-1-2"), quantity: 1 }],
      sourceLocationId: ids.loc("LC-ICHEON"),
      shippingAddress: address(),
    });
    it.each([
      [
        "no source for the retailer's items",
        (b: Record<string, unknown>) => ({ ...b, sourceLocationId: undefined }),
        "sourceLocationId",
      ],
      [
        "a seller warehouse as the source",
        (b: Record<string, unknown>) => ({ ...b, sourceLocationId: ids.loc("WH-SMARTHOME") }),
        "sourceLocationId",
      ],
      [
        "an unknown source",
        (b: Record<string, unknown>) => ({ ...b, sourceLocationId: "00000000-0000-4000-8000-000000000000" }),
        "sourceLocationId",
      ],
      [
        "an unknown variant",
        (b: Record<string, unknown>) => ({
          ...b,
          items: [{ variantId: "00000000-0000-4000-8000-000000000000", quantity: 1 }],
        }),
        "items.0.variantId",
      ],
      [
        "a reservation product",
        (b: Record<string, unknown>) => ({
          ...b,
          items: [{ variantId: ids.variant("SVC-SETUP-1"), quantity: 1 }],
        }),
        "items.0.variantId",
      ],
      [
        "a line listed twice",
        (b: Record<string, unknown>) => ({
          ...b,
          items: [(b.items as unknown[])[0], (b.items as unknown[])[0]],
        }),
        "items.1.variantId",
      ],
      [
        "a quantity of 0",
        (b: Record<string, unknown>) => ({
          ...b,
          items: [{ variantId: ids.variant("SM-S931N-1-2"), quantity: 0 }],
        }),
        "items.0.quantity",
      ],
      [
        "a quantity of 1,001",
        (b: Record<string, unknown>) => ({
          ...b,
          items: [{ variantId: ids.variant("SM-S931N-1-2"), quantity: 1001 }],
        }),
        "items.0.quantity",
      ],
      [
        "a bad card number",
        (b: Record<string, unknown>) => ({ ...b, payment: { cardNumber: "1234" } }),
        "payment.cardNumber",
      ],
      [
        "a bad postal code",
        (b: Record<string, unknown>) => ({ ...b, shippingAddress: { ...address(), postalCode: "abc" } }),
        "shippingAddress.postalCode",
      ],
      [
        "an unknown region",
        (b: Record<string, unknown>) => ({ ...b, shippingAddress: { ...address(), region: "tokyo" } }),
        "shippingAddress.region",
      ],
      ["no items", (b: Record<string, unknown>) => ({ ...b, items: [] }), "items"],
    ])("refuses %s with 422 naming the field", async (_label, change, field) => {
      const before = await count(orders);
      const err = await place(customer, change(base())).catch((e: unknown) => e);
      const errors =
        (err as { errors?: Record<string, string>; issues?: { path: (string | number)[] }[] }).errors ??
        Object.fromEntries(
          ((err as { issues: { path: (string | number)[] }[] }).issues ?? []).map((i) => [
            i.path.join("."),
            1,
          ]),
        );
      expect(Object.keys(errors)).toContain(field);
      expect(await count(orders)).toBe(before);
    });

    it("refuses a product that is not on sale with 409", async () => {
      const err = await place(customer, {
        items: [{ variantId: ids.variant("DP-PB20K-1"), quantity: 1 }],
        shippingAddress: address(),
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 409, code: "order.product_unavailable", meta: { sku: "DP-PB20K-1", productStatus: "in_review" } });
    });

    it("refuses an order over the total the shop can record", async () => {
      const v = ids.variant("SM-S938N-2-2");
      const err = await place(customer, {
        ...base(),
        items: [
          { variantId: v, quantity: 1000 },
          { variantId: ids.variant("SM-S938N-1-2"), quantity: 1000 },
        ],
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 422, errors: { items: expect.any(String) } });
    });
  });

  describe("who may order", () => {
    it("refuses the anonymous (401) and staff (403)", async () => {
      const body = {
        items: [{ variantId: ids.variant("SM-S931N-1-2"), quantity: 1 }],
        sourceLocationId: ids.loc("LC-ICHEON"),
        shippingAddress: address(),
      };
      await expect(place(null, body)).rejects.toMatchObject({ status: 401 });
      for (const email of ["dealer@demo.test", "marketing@demo.test", "seller@demo.test"]) {
        await expect(place(await actorFor(t.db, email), body)).rejects.toMatchObject({ status: 403 });
      }
    });
  });

  describe("Idempotency-Key", () => {
    const body = () => ({
      items: [{ variantId: ids.variant("IP16-2-1"), quantity: 1 }],
      sourceLocationId: ids.loc("LC-DAEJEON"),
      shippingAddress: address("daejeon"),
    });

    it("returns the first order for the same key and reserves nothing more", async () => {
      const v = ids.variant("IP16-2-1");
      const lc = ids.loc("LC-DAEJEON");
      const before = await stockAt(t.db, lc, v);
      const first = await place(customer, body(), "key-1");
      const again = await place(customer, body(), "key-1");
      expect(again.replayed).toBe(true);
      expect(again.order.id).toBe(first.order.id);
      expect(await stockAt(t.db, lc, v)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });
    });

    it("refuses the same key with a different body (422), and keys are per user", async () => {
      await place(customer, body(), "key-2");
      await expect(
        place(customer, { ...body(), items: [{ variantId: ids.variant("IP16-2-1"), quantity: 2 }] }, "key-2"),
      ).rejects.toMatchObject({
        status: 422,
        code: "idempotency.key_reused",
      });
      const other = await makeCustomer(t.db);
      const theirs = await place(other, body(), "key-2");
      expect(theirs.replayed).toBe(false);
    });

    it("leaves no key behind when the first attempt fails", async () => {
      const hub = ids.loc("HUB-INCHEON");
      const v = ids.variant("IP16-3-1");
      await setStock(t.db, hub, v, 0);
      const b = {
        items: [{ variantId: v, quantity: 1 }],
        sourceLocationId: hub,
        shippingAddress: address("incheon"),
      };
      await expect(place(customer, b, "key-3")).rejects.toMatchObject({ status: 409 });
      await setStock(t.db, hub, v, 3);
      const ok = await place(customer, b, "key-3");
      expect(ok.replayed).toBe(false);
    });

    it("makes one order of 20 identical requests sent at once", async () => {
      const shopper = await makeCustomer(t.db);
      const v = ids.variant("IP16-3-2");
      const lc = ids.loc("LC-GWANGJU");
      const before = await stockAt(t.db, lc, v);
      const b = {
        items: [{ variantId: v, quantity: 1 }],
        sourceLocationId: lc,
        shippingAddress: address("gwangju"),
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => place(shopper, b, "storm-key")));
      expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const mine = await t.db.select().from(orders).where(eq(orders.customerId, shopper.id));
      expect(mine).toHaveLength(1);
      expect(await stockAt(t.db, lc, v)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });
      const captured = await t.db.select().from(payments).where(eq(payments.customerId, shopper.id));
      expect(captured.filter((p) => p.status === "captured")).toHaveLength(1);
    });
  });
});

describe("concurrency on real PostgreSQL", () => {
  it("200 parallel orders for one variant at a hub holding 50: exactly 50 placed, 150 refused with 409", async () => {
    const hub = ids.loc("HUB-HAEUNDAE");
    const v = ids.variant("SM-L315N-1-1");
    await setStock(t.db, hub, v, 50);
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => makeCustomer(t.db)));
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        place(shoppers[i % shoppers.length]!, {
          items: [{ variantId: v, quantity: 1 }],
          sourceLocationId: hub,
          shippingAddress: address("busan"),
        }),
      ),
    );
    const placed = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(placed).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const r of refused)
      expect(r.reason).toMatchObject({ status: 409, code: "order.insufficient_stock" });
    expect(await stockAt(t.db, hub, v)).toEqual({ onHand: 50, reserved: 50 });
    const parts = await t.db.select().from(sellerOrders).where(eq(sellerOrders.sourceLocationId, hub));
    expect(parts.filter((p) => p.status === "confirmed")).toHaveLength(50);
    const negative = await t.db.execute(
      sql`select count(*)::int as n from stock_levels where on_hand < 0 or reserved < 0 or reserved > on_hand`,
    );
    expect(negative[0]!.n).toBe(0);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("orders of the same two variants in opposite orders, in parallel: no deadlock, each placed or refused cleanly", async () => {
    const hub = ids.loc("HUB-DONGSEONGNO");
    const a = ids.variant("SM-L315N-2-1");
    const b = ids.variant("SM-L315N-2-2");
    await setStock(t.db, hub, a, 40);
    await setStock(t.db, hub, b, 40);
    const shopper = await makeCustomer(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => {
        const lines = [
          { variantId: a, quantity: 1 },
          { variantId: b, quantity: 1 },
        ];
        return place(shopper, {
          items: i % 2 ? lines : [...lines].reverse(),
          sourceLocationId: hub,
          shippingAddress: address("daegu"),
        });
      }),
    );
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    for (const r of refused)
      expect(r.reason).toMatchObject({ status: 409, code: "order.insufficient_stock" });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(40);
    expect(await stockAt(t.db, hub, a)).toEqual({ onHand: 40, reserved: 40 });
    expect(await stockAt(t.db, hub, b)).toEqual({ onHand: 40, reserved: 40 });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });
});
