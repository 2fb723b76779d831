import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { orders, payments, products, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { ProductUnavailable } from "./plan-order";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { address, demoIds, setStock, stockAt } from "@/test/orders-fixtures";
import { addToCart } from "./add-to-cart";
import { checkoutData, getCart } from "./cart-queries";
import { FakePaymentProvider } from "@/lib/payments/fake";
import type { PaymentProvider } from "@/lib/payments/provider";
import { placeOrder } from "./place-order";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor;
let hub: string;
let powerBank: string;
let phone: string;

const count = async (table: typeof orders | typeof payments) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
/** Sets the status of the product of this variant, as a seller's pause (or marketing's discontinue) would. */
const setStatus = async (variantId: string, status: "on_sale" | "paused" | "discontinued") => {
  const [v] = await t.db.select({ productId: variants.productId }).from(variants).where(eq(variants.id, variantId));
  await t.db.update(products).set({ status }).where(eq(products.id, v!.productId));
};
/**
 * The fake provider, running `meanwhile` while it authorizes (after the lock-free plan saw every item on
 * sale); `state()` is what became of the money it held.
 */
function authorizingWhile(meanwhile: () => Promise<unknown>) {
  const fake = new FakePaymentProvider();
  let authorization = "";
  const provider: PaymentProvider = {
    name: fake.name,
    authorize: async (req) => {
      const res = await fake.authorize(req);
      if (res.approved) authorization = res.authorizationId;
      await meanwhile();
      return res;
    },
    capture: (id) => fake.capture(id),
    void: (id) => fake.void(id),
    refund: (req) => fake.refund(req),
    lookup: (key) => fake.lookup(key),
  };
  return { provider, state: () => fake.inspect(authorization)?.state };
}
const body = () => ({
  items: [
    { variantId: phone, quantity: 1 },
    { variantId: powerBank, quantity: 2 },
  ],
  sourceLocationId: hub,
  shippingAddress: address(),
});

/** Places body() with an approving provider: it must be refused as unavailable with `meta`, writing nothing. */
async function refusedAsUnavailable(meta: Record<string, unknown>) {
  const before = [await count(orders), await count(payments)];
  const err = await placeOrder(t.db, customer, body(), { payments: new FakePaymentProvider() }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProductUnavailable);
  expect(err).toMatchObject({ status: 409, code: "order.product_unavailable", meta });
  expect([await count(orders), await count(payments)]).toEqual(before);
  return err as ProductUnavailable;
}

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
  hub = ids.loc("HUB-BUNDANG");
  phone = ids.variant("SM-S931N-1-1");
  powerBank = ids.variant("EB-U2510-1");
  await setStock(t.db, hub, phone, 50);
  await setStock(t.db, hub, powerBank, 50);
});
beforeEach(async () => {
  await setStatus(powerBank, "on_sale");
});

describe("an order with a product that is not on sale", () => {
  it("is refused with 409 order.product_unavailable naming the item, and nothing is written", async () => {
    await setStatus(powerBank, "paused");
    const err = await refusedAsUnavailable({
      variantId: powerBank,
      sku: "EB-U2510-1",
      productNameEn: "25W Wireless Power Bank 10,000 mAh",
      productStatus: "paused",
    });
    expect(err.message).toContain("25W Wireless Power Bank 10,000 mAh");
  });

  it("is refused inside the placement transaction when the product is paused after the plan", async () => {
    // The pause lands while the payment is being authorized: after the lock-free plan saw it on sale.
    const pausing = authorizingWhile(() => setStatus(powerBank, "paused"));
    const before = { orders: await count(orders), phone: await stockAt(t.db, hub, phone), bank: await stockAt(t.db, hub, powerBank) };
    const err = await placeOrder(t.db, customer, body(), { payments: pausing.provider }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: "order.product_unavailable", meta: { sku: "EB-U2510-1", productStatus: "paused" } });
    expect(await count(orders)).toBe(before.orders);
    expect(await stockAt(t.db, hub, phone)).toEqual(before.phone);
    expect(await stockAt(t.db, hub, powerBank)).toEqual(before.bank);
    expect(pausing.state()).toBe("voided");
  });

  it("waits for a pause in flight and is refused once it commits", async () => {
    const [v] = await t.db.select({ productId: variants.productId }).from(variants).where(eq(variants.id, powerBank));
    let paused!: () => void;
    const updated = new Promise<void>((r) => (paused = r));
    let commit!: () => void;
    const committing = new Promise<void>((r) => (commit = r));
    const pause = t.db.transaction(async (tx) => {
      await tx.update(products).set({ status: "paused" }).where(eq(products.id, v!.productId));
      paused();
      await committing;
    });
    await updated;
    // The plan reads the committed state (on sale); the transaction's check waits for the pause's lock.
    const order = placeOrder(t.db, customer, body(), { payments: new FakePaymentProvider() }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    commit();
    await pause;
    expect(await order).toMatchObject({ status: 409, code: "order.product_unavailable" });
  });

  it("is placed when every product is on sale (the check lets it through)", async () => {
    const { order } = await placeOrder(t.db, customer, body(), { payments: new FakePaymentProvider() });
    expect(order.items.map((i) => i.sku).sort()).toEqual(["EB-U2510-1", "SM-S931N-1-1"]);
  });
});

describe("an order with a variant that is no longer sold", () => {
  let price = 0;
  beforeAll(async () => {
    price = ids.price("EB-U2510-1");
  });
  beforeEach(async () => {
    await t.db.update(variants).set({ active: true, price }).where(eq(variants.id, powerBank));
  });

  it.each([
    ["retired", { active: false }],
    ["without a price", { price: null }],
  ] as const)("is refused with 409 order.product_unavailable when the variant is %s, and nothing is written", async (_, change) => {
    await t.db.update(variants).set(change).where(eq(variants.id, powerBank));
    await refusedAsUnavailable({ variantId: powerBank, sku: "EB-U2510-1", productStatus: "on_sale", variantAvailable: false });
  });

  it("is refused inside the placement transaction when the variant is retired after the plan", async () => {
    const retiring = authorizingWhile(() => t.db.update(variants).set({ active: false }).where(eq(variants.id, powerBank)));
    const before = { orders: await count(orders), bank: await stockAt(t.db, hub, powerBank) };
    const err = await placeOrder(t.db, customer, body(), { payments: retiring.provider }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: "order.product_unavailable", meta: { sku: "EB-U2510-1", variantAvailable: false } });
    expect(await count(orders)).toBe(before.orders);
    expect(await stockAt(t.db, hub, powerBank)).toEqual(before.bank);
    expect(retiring.state()).toBe("voided");
  });
});

describe("the cart of a product paused after it was added", () => {
  it("shows the line as unavailable, leaves it out of the total and out of checkout", async () => {
    const shopper = await actorFor(t.db, "customer2@demo.test");
    await t.db.transaction(async (tx) => {
      await addToCart(tx, shopper, { variantId: phone, quantity: 1 });
      await addToCart(tx, shopper, { variantId: powerBank, quantity: 1 });
    });
    await setStatus(powerBank, "paused");
    const cart = await getCart(t.db, shopper);
    expect(Object.fromEntries(cart.lines.map((l) => [l.sku, l.orderable]))).toEqual({ "SM-S931N-1-1": true, "EB-U2510-1": false });
    expect(cart.total).toBe(ids.price("SM-S931N-1-1"));
    const checkout = await checkoutData(t.db, shopper);
    expect(checkout.candidates.every((c) => c.lines.map((l) => l.variantId).join() === phone)).toBe(true);
    // And it cannot be added again while paused.
    await expect(t.db.transaction((tx) => addToCart(tx, shopper, { variantId: powerBank, quantity: 1 }))).rejects.toMatchObject({
      status: 409,
      code: "cart.not_on_sale",
    });
  });
});
