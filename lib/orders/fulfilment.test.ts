import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orders, payments, refunds, sellerOrderEvents, sellerOrders, stockMovements } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { ledgerDrift } from "@/lib/inventory/queries";
import { setupTestDb } from "@/test/db";
import { makeCustomer, seedDemo } from "@/test/factories";
import { address, demoIds, demoWorld, setStock, stockAt } from "@/test/orders-fixtures";
import {
  acceptSellerOrder,
  deliverSellerOrder,
  packSellerOrder,
  shipSellerOrder,
} from "./advance-seller-order";
import { cancelOrder } from "./cancel-order";
import { cancelSellerOrder } from "./cancel-seller-order";
import { deliveryLeadTimes, fulfilmentQueue } from "./fulfilment-queries";
import { getOrderFor } from "./order-queries";
import { FakePaymentProvider } from "@/lib/payments/fake";
import { placeOrder } from "./place-order";

const t = setupTestDb();
const fake = new FakePaymentProvider();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor,
  dealer: UserActor,
  dealer2: UserActor,
  marketing: UserActor,
  seller: UserActor,
  seller2: UserActor,
  store: UserActor;

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, customer, dealer, dealer2, marketing, seller, seller2, store } = await demoWorld(t.db));
});

const tx = <T>(fn: (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0]) => Promise<T>) =>
  t.db.transaction(fn);

/** A two-seller order: a phone from a hub, a router from Digital Plaza's warehouse. */
async function twoSellerOrder(hubCode: string, sku: string, who: UserActor = customer) {
  const hub = ids.loc(hubCode);
  const phone = ids.variant(sku);
  const router = ids.variant("DP-AX6E-2");
  await setStock(t.db, hub, phone, 10);
  const { order } = await placeOrder(
    t.db,
    who,
    {
      items: [
        { variantId: phone, quantity: 2 },
        { variantId: router, quantity: 1 },
      ],
      sourceLocationId: hub,
      shippingAddress: address(),
    },
    { payments: fake },
  );
  const hubPart = order.sellerOrders.find((s) => s.sourceLocation.code === hubCode)!;
  const whPart = order.sellerOrders.find((s) => s.sourceLocation.code === "WH-DIGITALPLAZA")!;
  return { order, hub, phone, router, hubPart, whPart };
}

describe("fulfilment by whoever runs the source", () => {
  it("the dealer takes a dealer-hub part from accepted to delivered; shipping turns reserved into shipped", async () => {
    const { order, hub, phone, hubPart } = await twoSellerOrder("HUB-BUNDANG", "SM-S938N-1-1");
    await tx((x) => acceptSellerOrder(x, dealer, hubPart.id, {}));
    await tx((x) => packSellerOrder(x, dealer, hubPart.id, { note: "boxed" }));
    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 10, reserved: 2 });
    const shipped = await tx((x) => shipSellerOrder(x, dealer, hubPart.id, {}));
    expect(shipped.status).toBe("shipped");
    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 8, reserved: 0 });
    const ship = await t.db.select().from(stockMovements).where(eq(stockMovements.refId, hubPart.id));
    expect(ship.map((m) => [m.kind, m.onHandDelta, m.reservedDelta])).toContainEqual(["order_ship", -2, -2]);
    expect((await t.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe("in_progress");
    const delivered = await tx((x) => deliverSellerOrder(x, dealer, hubPart.id, {}));
    expect(delivered.deliveredAt).not.toBeNull();
    expect(delivered.acceptedAt! <= delivered.packedAt! && delivered.packedAt! <= delivered.shippedAt!).toBe(
      true,
    );
    const events = await t.db
      .select()
      .from(sellerOrderEvents)
      .where(eq(sellerOrderEvents.sellerOrderId, hubPart.id));
    expect(events.map((e) => e.toStatus)).toEqual([
      "confirmed",
      "accepted",
      "packed",
      "shipped",
      "delivered",
    ]);
    expect(events.slice(1).every((e) => e.actorUserId === dealer.id)).toBe(true);
    expect(events.find((e) => e.toStatus === "packed")!.reason).toBe("boxed");
    expect(await ledgerDrift(t.db)).toEqual([]);
    // Lead time per source kind is measurable from the recorded steps.
    const lead = await deliveryLeadTimes(t.db);
    expect(lead).toEqual([expect.objectContaining({ kind: "dealer_hub", delivered: 1 })]);
    expect(lead[0]!.avgHours).toBeGreaterThanOrEqual(0);
  });

  it("refuses illegal steps with 409 and changes nothing", async () => {
    const { hubPart } = await twoSellerOrder("HUB-BUNDANG", "SM-S938N-1-2");
    await expect(tx((x) => shipSellerOrder(x, dealer, hubPart.id, {}))).rejects.toMatchObject({
      status: 409,
      code: "seller_order.illegal_transition",
    });
    await tx((x) => acceptSellerOrder(x, dealer, hubPart.id, {}));
    await expect(tx((x) => acceptSellerOrder(x, dealer, hubPart.id, {}))).rejects.toMatchObject({
      status: 409,
    });
    const [row] = await t.db.select().from(sellerOrders).where(eq(sellerOrders.id, hubPart.id));
    expect(row!.status).toBe("accepted");
  });

  it("marketing runs center and org-hub parts; the seller runs its warehouse part", async () => {
    const { whPart, hubPart } = await twoSellerOrder("HUB-JONGNO", "SM-S938N-2-1");
    await expect(tx((x) => acceptSellerOrder(x, marketing, hubPart.id, {}))).resolves.toMatchObject({
      status: "accepted",
    });
    await expect(tx((x) => acceptSellerOrder(x, seller, whPart.id, {}))).resolves.toMatchObject({
      status: "accepted",
    });
  });

  it("refuses who must be refused: 401 anonymous, 403 a customer, 404 another organisation, 403 the seller of a part it does not ship", async () => {
    const { hubPart, whPart } = await twoSellerOrder("HUB-BUNDANG", "SM-S938N-2-2");
    await expect(tx((x) => acceptSellerOrder(x, null, hubPart.id, {}))).rejects.toMatchObject({
      status: 401,
    });
    await expect(tx((x) => acceptSellerOrder(x, customer, hubPart.id, {}))).rejects.toMatchObject({
      status: 403,
    });
    await expect(tx((x) => acceptSellerOrder(x, dealer2, hubPart.id, {}))).rejects.toMatchObject({
      status: 404,
    });
    await expect(tx((x) => acceptSellerOrder(x, marketing, hubPart.id, {}))).rejects.toMatchObject({
      status: 404,
    });
    await expect(tx((x) => acceptSellerOrder(x, seller2, whPart.id, {}))).rejects.toMatchObject({
      status: 404,
    });
    await expect(tx((x) => acceptSellerOrder(x, store, hubPart.id, {}))).rejects.toMatchObject({
      status: 403,
    });
    await expect(tx((x) => acceptSellerOrder(x, dealer, "not-a-uuid", {}))).rejects.toMatchObject({
      status: 404,
    });
    await expect(tx((x) => acceptSellerOrder(x, dealer, hubPart.id, { extra: 1 }))).rejects.toMatchObject({
      name: "ZodError",
    });
    const [row] = await t.db.select().from(sellerOrders).where(eq(sellerOrders.id, hubPart.id));
    expect(row!.status).toBe("confirmed");
  });

  it("each queue shows only its own locations' parts, filtered and paginated in the database", async () => {
    await twoSellerOrder("HUB-BUNDANG", "SM-F741N-1-1");
    const q = await fulfilmentQueue(t.db, dealer, { status: "confirmed", pageSize: "2" });
    expect(q.items.length).toBeLessThanOrEqual(2);
    expect(q.total).toBeGreaterThanOrEqual(1);
    expect(
      q.items.every(
        (i) => ["HUB-GANGNAM", "HUB-BUNDANG"].includes(i.sourceLocation.code) && i.status === "confirmed",
      ),
    ).toBe(true);
    expect(q.locations.map((l) => l.code)).toEqual(["HUB-BUNDANG", "HUB-GANGNAM"]);
    const other = await fulfilmentQueue(t.db, dealer2, {});
    expect(
      other.items.every((i) => ["HUB-HAEUNDAE", "HUB-DONGSEONGNO"].includes(i.sourceLocation.code)),
    ).toBe(true);
    // Another organisation's location as a filter finds nothing.
    const sneaky = await fulfilmentQueue(t.db, dealer2, { locationId: ids.loc("HUB-BUNDANG") });
    expect(sneaky.items).toEqual([]);
    const sellers = await fulfilmentQueue(t.db, seller, {});
    expect(sellers.items.length).toBeGreaterThan(0);
    expect(sellers.items.every((i) => i.sourceLocation.code === "WH-DIGITALPLAZA")).toBe(true);
    await expect(fulfilmentQueue(t.db, customer, {})).rejects.toMatchObject({ status: 403 });
    await expect(fulfilmentQueue(t.db, null, {})).rejects.toMatchObject({ status: 401 });
  });
});

describe("cancellation", () => {
  it("the customer cancels before shipping: stock released, each part refunded, who and why recorded", async () => {
    const { order, hub, phone, hubPart, whPart } = await twoSellerOrder("HUB-GANGNAM", "SM-F741N-2-1");
    const wh = ids.loc("WH-DIGITALPLAZA");
    const whBefore = await stockAt(t.db, wh, ids.variant("DP-AX6E-2"));
    const cancelled = await cancelOrder(
      t.db,
      customer,
      order.id,
      { reason: "changed my mind" },
      { payments: fake },
    );
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.sellerOrders.every((s) => s.status === "cancelled")).toBe(true);
    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 10, reserved: 0 });
    expect(await stockAt(t.db, wh, ids.variant("DP-AX6E-2"))).toEqual({
      onHand: whBefore.onHand,
      reserved: whBefore.reserved - 1,
    });
    const [row] = await t.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ cancelledBy: customer.id, cancelReason: "changed my mind" });
    const [pay] = await t.db.select().from(payments).where(eq(payments.refId, order.id));
    expect(pay).toMatchObject({ status: "refunded", refundedAmount: order.total });
    const rf = await t.db.select().from(refunds).where(eq(refunds.paymentId, pay!.id));
    expect(rf.map((r) => [r.refId, r.amount]).sort()).toEqual(
      [
        [hubPart.id, hubPart.subtotal],
        [whPart.id, whPart.subtotal],
      ].sort(),
    );
    expect(fake.inspect(pay!.providerRef!)!.refunded).toBe(order.total);
    // Again: 409, nothing changes.
    await expect(cancelOrder(t.db, customer, order.id, {}, { payments: fake })).rejects.toMatchObject({
      status: 409,
      code: "order.already_cancelled",
    });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("refuses to cancel once a part has shipped (409)", async () => {
    const { order, hubPart } = await twoSellerOrder("HUB-BUNDANG", "SM-F741N-2-1");
    for (const step of [acceptSellerOrder, packSellerOrder, shipSellerOrder])
      await tx((x) => step(x, dealer, hubPart.id, {}));
    await expect(cancelOrder(t.db, customer, order.id, {}, { payments: fake })).rejects.toMatchObject({
      status: 409,
      code: "order.already_shipped",
    });
    await expect(
      cancelSellerOrder(t.db, dealer, hubPart.id, { reason: "too late" }, { payments: fake }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("refuses another customer (404) and staff (403); a non-uuid is 404", async () => {
    const { order } = await twoSellerOrder("HUB-BUNDANG", "SM-X826N-1-1");
    const stranger = await makeCustomer(t.db);
    await expect(cancelOrder(t.db, stranger, order.id, {}, { payments: fake })).rejects.toMatchObject({
      status: 404,
    });
    await expect(cancelOrder(t.db, dealer, order.id, {}, { payments: fake })).rejects.toMatchObject({
      status: 403,
    });
    await expect(cancelOrder(t.db, null, order.id, {}, { payments: fake })).rejects.toMatchObject({
      status: 401,
    });
    await expect(cancelOrder(t.db, customer, "nope", {}, { payments: fake })).rejects.toMatchObject({
      status: 404,
    });
    expect((await t.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe("confirmed");
  });

  it("a seller cancels its own part with a reason: that part alone is refunded and released", async () => {
    const { order, hub, phone, hubPart, whPart } = await twoSellerOrder("HUB-BUNDANG", "SM-X826N-2-1");
    await expect(cancelSellerOrder(t.db, seller, whPart.id, {}, { payments: fake })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(
      cancelSellerOrder(t.db, seller2, whPart.id, { reason: "x" }, { payments: fake }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      cancelSellerOrder(t.db, customer, whPart.id, { reason: "x" }, { payments: fake }),
    ).rejects.toMatchObject({ status: 403 });
    const part = await cancelSellerOrder(
      t.db,
      seller,
      whPart.id,
      { reason: "out of stock at the warehouse" },
      { payments: fake },
    );
    expect(part).toMatchObject({ status: "cancelled", cancelReason: "out of stock at the warehouse" });
    expect((await t.db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe(
      "partially_cancelled",
    );
    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 10, reserved: 2 });
    const [pay] = await t.db.select().from(payments).where(eq(payments.refId, order.id));
    expect(pay).toMatchObject({ status: "partially_refunded", refundedAmount: whPart.subtotal });
    // The customer then cancels the rest: only the hub part is refunded now, never the warehouse part twice.
    await cancelOrder(t.db, customer, order.id, {}, { payments: fake });
    const rf = await t.db.select().from(refunds).where(eq(refunds.paymentId, pay!.id));
    expect(rf.map((r) => r.refId).sort()).toEqual([hubPart.id, whPart.id].sort());
    const [after] = await t.db.select().from(payments).where(eq(payments.id, pay!.id));
    expect(after).toMatchObject({ status: "refunded", refundedAmount: order.total });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("the operator of the source and the retailer's store may both cancel a retailer part", async () => {
    const a = await twoSellerOrder("HUB-BUNDANG", "SM-L315N-1-2");
    await expect(
      cancelSellerOrder(t.db, dealer, a.hubPart.id, { reason: "hub closed" }, { payments: fake }),
    ).resolves.toMatchObject({ status: "cancelled" });
    const b = await twoSellerOrder("HUB-BUNDANG", "SM-L315N-1-2");
    await expect(
      cancelSellerOrder(t.db, store, b.hubPart.id, { reason: "recall" }, { payments: fake }),
    ).resolves.toMatchObject({ status: "cancelled" });
  });
});

describe("who sees an order", () => {
  it("its customer sees all of it; staff only their parts; others get 404", async () => {
    const { order, hubPart, whPart } = await twoSellerOrder("HUB-BUNDANG", "IP16P-1-1");
    expect((await getOrderFor(t.db, customer, order.id)).sellerOrders).toHaveLength(2);
    const asDealer = await getOrderFor(t.db, dealer, order.id);
    expect(asDealer.sellerOrders.map((s) => s.id)).toEqual([hubPart.id]);
    expect(asDealer.items.every((i) => i.sellerOrderId === hubPart.id)).toBe(true);
    expect(asDealer.total).toBe(hubPart.subtotal);
    expect((await getOrderFor(t.db, seller, order.id)).sellerOrders.map((s) => s.id)).toEqual([whPart.id]);
    await expect(getOrderFor(t.db, dealer2, order.id)).rejects.toMatchObject({ status: 404 });
    await expect(getOrderFor(t.db, seller2, order.id)).rejects.toMatchObject({ status: 404 });
    await expect(getOrderFor(t.db, await makeCustomer(t.db), order.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(getOrderFor(t.db, null, order.id)).rejects.toMatchObject({ status: 401 });
    await expect(getOrderFor(t.db, customer, "123")).rejects.toMatchObject({ status: 404 });
  });
});
