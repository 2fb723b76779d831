import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { orders, payments, refunds } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { ledgerDrift } from "@/lib/inventory/queries";
import { settleIntents } from "@/lib/payments/settle-intents";
import { ScriptedProvider } from "@/lib/payments/testing";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { address, demoIds, setStock, stockAt } from "@/test/orders-fixtures";
import { cancelOrder } from "./cancel-order";
import { cancelSellerOrder } from "./cancel-seller-order";
import { placeOrder } from "./place-order";

/**
 * Orders with a provider that fails, does not answer, or answers after the caller died: nothing is
 * reserved without a hold, nothing charged without an order, nothing refunded twice, and the sweep
 * settles what the caller left, exactly once.
 */
const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor;
let seller: UserActor;
const HUB = "HUB-BUNDANG";
const PHONE = "SM-S931N-2-2";
const ROUTER = "DP-AX6E-1";

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
  seller = await actorFor(t.db, "seller@demo.test");
  await setStock(t.db, ids.loc(HUB), ids.variant(PHONE), 1_000);
  await setStock(t.db, ids.loc("WH-DIGITALPLAZA"), ids.variant(ROUTER), 1_000);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const body = (withRouter = false) => ({
  items: [
    { variantId: ids.variant(PHONE), quantity: 1 },
    ...(withRouter ? [{ variantId: ids.variant(ROUTER), quantity: 1 }] : []),
  ],
  sourceLocationId: ids.loc(HUB),
  shippingAddress: address(),
});
const place = (provider: ScriptedProvider, withRouter = false) =>
  placeOrder(t.db, customer, body(withRouter), { payments: provider });
const sweep = (provider: ScriptedProvider) => settleIntents(t.db, { provider, olderThanMs: 0 });
const paymentOf = async (orderId: string) =>
  (await t.db.select().from(payments).where(eq(payments.refId, orderId)))[0]!;
const lastPayment = async () => (await t.db.select().from(payments).orderBy(payments.createdAt)).at(-1)!;
const phoneStock = () => stockAt(t.db, ids.loc(HUB), ids.variant(PHONE));

describe("the authorization", () => {
  it("answered after the caller gave up (the answer lost): 402, nothing reserved; the sweep voids the hold once", async () => {
    const provider = new ScriptedProvider(undefined, { db: t.db }).next("authorize", "lost");
    const before = await phoneStock();
    const ordersBefore = (await t.db.select().from(orders)).length;
    await expect(place(provider)).rejects.toMatchObject({
      status: 402,
      code: "payment.declined",
      meta: { reason: "provider_unavailable" },
    });
    expect(await phoneStock()).toEqual(before);
    expect(await t.db.select().from(orders)).toHaveLength(ordersBefore);
    const intent = await lastPayment();
    expect(intent).toMatchObject({ status: "pending", customerId: customer.id });
    expect(provider.fake.all().at(-1)!.state).toBe("authorized"); // the provider did hold it

    expect(await sweep(provider)).toMatchObject({ payments: 1, failed: 0 });
    expect(await paymentOf(intent.refId)).toMatchObject({
      status: "voided",
      failureReason: "order not placed",
    });
    expect(provider.fake.all().at(-1)!.state).toBe("voided");
    expect(await sweep(provider)).toMatchObject({ payments: 0 });
    expect(provider.count("void")).toBe(1);
    expect(provider.underLock).toEqual([]);
  });

  it("never reaching the provider: 402; the sweep finds nothing held and records it declined", async () => {
    const provider = new ScriptedProvider().next("authorize", "fail");
    const authsBefore = provider.fake.all().length;
    await expect(place(provider)).rejects.toMatchObject({
      status: 402,
      meta: { reason: "provider_unavailable" },
    });
    const intent = await lastPayment();
    await sweep(provider);
    expect(await paymentOf(intent.refId)).toMatchObject({
      status: "declined",
      failureReason: "order not placed",
    });
    expect(provider.fake.all()).toHaveLength(authsBefore);
  });

  it("timing out (the provider answers past PAYMENT_TIMEOUT_MS): 402 at the deadline; the late hold is voided", async () => {
    vi.stubEnv("PAYMENT_TIMEOUT_MS", "100");
    const provider = new ScriptedProvider().next("authorize", { hangMs: 400 });
    const started = Date.now();
    await expect(place(provider)).rejects.toMatchObject({
      status: 402,
      meta: { reason: "provider_unavailable" },
    });
    expect(Date.now() - started).toBeLessThan(390);
    await new Promise((r) => setTimeout(r, 500)); // the provider holds the money after all
    const intent = await lastPayment();
    expect(provider.fake.all().at(-1)!.state).toBe("authorized");
    await sweep(provider);
    expect(await paymentOf(intent.refId)).toMatchObject({ status: "voided" });
    expect(provider.fake.all().at(-1)!.state).toBe("voided");
  });
});

describe("the capture, after the order committed", () => {
  it("captured but its answer lost (the caller died): the order stands (201); the sweep records the capture once", async () => {
    const provider = new ScriptedProvider(undefined, { db: t.db }).next("capture", "lost");
    const { order } = await place(provider);
    expect(order.status).toBe("confirmed");
    const p = await paymentOf(order.id);
    expect(p).toMatchObject({ status: "authorized", amount: order.total });
    expect(provider.fake.inspect(p.providerRef!)!.state).toBe("captured");

    expect(await sweep(provider)).toMatchObject({ payments: 1 });
    expect(await paymentOf(order.id)).toMatchObject({ status: "captured", refundedAmount: 0 });
    expect(await sweep(provider)).toMatchObject({ payments: 0 });
    expect(provider.fake.all().filter((a) => a.id === p.providerRef)).toHaveLength(1); // charged once
    expect((await t.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe("confirmed");
    expect(provider.underLock).toEqual([]);
  });

  it("unanswered, then refused when the sweep asks again: the order is undone and its stock released", async () => {
    const provider = new ScriptedProvider().next("capture", "fail", "refuse");
    const before = await phoneStock();
    const { order } = await place(provider);
    expect(await phoneStock()).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 });
    await sweep(provider);
    expect(await phoneStock()).toEqual(before);
    const p = await paymentOf(order.id);
    expect(p).toMatchObject({ status: "declined", failureReason: "capture_failed" });
    expect(provider.fake.inspect(p.providerRef!)!.state).toBe("voided");
    const [row] = await t.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "payment capture failed" });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("a part cancelled while the payment was only authorized is refunded once the sweep captures", async () => {
    const provider = new ScriptedProvider().next("capture", "fail");
    const { order } = await place(provider, true);
    const wh = order.sellerOrders.find((s) => s.sourceLocation.code === "WH-DIGITALPLAZA")!;
    await cancelSellerOrder(t.db, seller, wh.id, { reason: "out of stock" }, { payments: provider });
    const p = await paymentOf(order.id);
    expect(p.status).toBe("authorized");
    expect(await t.db.select().from(refunds).where(eq(refunds.paymentId, p.id))).toHaveLength(0);

    await sweep(provider);
    await sweep(provider);
    expect(await paymentOf(order.id)).toMatchObject({
      status: "partially_refunded",
      refundedAmount: wh.subtotal,
    });
    expect(await t.db.select().from(refunds).where(eq(refunds.paymentId, p.id))).toMatchObject([
      { refId: wh.id, amount: wh.subtotal, status: "succeeded" },
    ]);
    expect(provider.fake.refunds(p.providerRef!)).toHaveLength(1);
  });

  it("an order cancelled whole before its capture is released, not captured and refunded", async () => {
    const provider = new ScriptedProvider().next("capture", "fail");
    const { order } = await place(provider, true);
    await cancelOrder(t.db, customer, order.id, {}, { payments: provider });
    await sweep(provider);
    const p = await paymentOf(order.id);
    expect(p).toMatchObject({ status: "voided", refundedAmount: 0 });
    expect(provider.fake.inspect(p.providerRef!)!.state).toBe("voided");
    expect(provider.fake.refunds(p.providerRef!)).toHaveLength(0);
  });
});

describe("refunds of a cancelled order", () => {
  it("a retried cancel never refunds twice, though the first refund's answer was lost", async () => {
    const provider = new ScriptedProvider(undefined, { db: t.db });
    const { order } = await place(provider, true);
    const p = await paymentOf(order.id);
    provider.next("refund", "lost");
    const cancelled = await cancelOrder(t.db, customer, order.id, {}, { payments: provider });
    expect(cancelled.status).toBe("cancelled");
    await expect(cancelOrder(t.db, customer, order.id, {}, { payments: provider })).rejects.toMatchObject({
      status: 409,
      code: "order.already_cancelled",
    });
    expect((await paymentOf(order.id)).refundedAmount).toBeLessThan(order.total);

    await sweep(provider);
    await sweep(provider);
    expect(await paymentOf(order.id)).toMatchObject({ status: "refunded", refundedAmount: order.total });
    const rows = await t.db.select().from(refunds).where(eq(refunds.paymentId, p.id));
    expect(rows.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    const made = provider.fake.refunds(p.providerRef!);
    expect(made).toHaveLength(2); // one per seller order, never a third
    expect(made.reduce((n, r) => n + r.amount, 0)).toBe(order.total);
    expect(provider.underLock).toEqual([]);
  });

  it("cancels racing each other: one wins and refunds once; the others are 409", async () => {
    const provider = new ScriptedProvider();
    const { order } = await place(provider, true);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => cancelOrder(t.db, customer, order.id, {}, { payments: provider })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    const p = await paymentOf(order.id);
    expect(p).toMatchObject({ status: "refunded", refundedAmount: order.total });
    expect(provider.fake.refunds(p.providerRef!)).toHaveLength(2);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });
});
