import { addMinutes } from "date-fns";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import {
  orders,
  organisations,
  payments,
  refunds,
  reservables,
  reservations,
  sellerOrders,
  stockMovements,
} from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import {
  acceptSellerOrder,
  deliverSellerOrder,
  packSellerOrder,
  shipSellerOrder,
} from "@/lib/orders/advance-seller-order";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { fulfilmentQueue } from "@/lib/orders/fulfilment-queries";
import { getOrderFor } from "@/lib/orders/order-queries";
import { setupTestDb } from "@/test/db";
import { checkLedgerAfterEach } from "@/test/demo-world";
import { actorFor, seedDemo } from "@/test/factories";
import { demoIds, setStock, stockAt } from "@/test/orders-fixtures";
import { cancelReservable } from "./cancel-reservable";
import { payReservation } from "./pay-reservation";
import { myReservations } from "./queries";
import { releasePaidPreorders } from "./release-preorders";
import { requestReservation } from "./request-reservation";
import { makeCustomers, makeReservable, makeReservationProduct } from "./testing";
import { settleUntilIdle } from "./worker";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let dealer: UserActor, dealer2: UserActor, marketing: UserActor;
let retailerId: string;

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  dealer = await actorFor(t.db, "dealer@demo.test");
  dealer2 = await actorFor(t.db, "dealer2@demo.test");
  marketing = await actorFor(t.db, "marketing@demo.test");
  const [retailer] = await t.db.select().from(organisations).where(eq(organisations.kind, "retailer"));
  retailerId = retailer!.id;
});

checkLedgerAfterEach(t);

/** A retailer's pre-order shipping from `locationCode`, with `n` customers who reserved `qty` each and paid. */
async function paidPreorder(locationCode: string, n: number, qty = 1, price = 900_000) {
  const p = await makeReservationProduct(t.db, { sellerId: retailerId, price });
  const r = await makeReservable(t.db, { ...p, locationId: ids.loc(locationCode), capacity: 1000 });
  const customers = await makeCustomers(t.db, n);
  const made: string[] = [];
  for (const c of customers) {
    const ack = await t.db.transaction((tx) =>
      requestReservation(tx, c, { reservableId: r.id, quantity: qty }),
    );
    made.push(ack.id);
  }
  await settleUntilIdle(t.db);
  for (const [i, id] of made.entries()) await payReservation(t.db, customers[i]!, id, {});
  return { reservable: r, variantId: p.variantId, customers, reservationIds: made };
}

/** The launch has come. */
const launch = (reservableId: string) =>
  t.db
    .update(reservables)
    .set({ startsAt: addMinutes(new Date(), -1), cancelDeadline: addMinutes(new Date(), -60) })
    .where(eq(reservables.id, reservableId));

const ordersOf = (reservationIds: string[]) =>
  t.db.select().from(orders).where(inArray(orders.reservationId, reservationIds));

describe("paid pre-orders become orders on their release date", () => {
  it("makes one order per paid pre-order at launch, in the hub dealer's queue, reserving the stock once; then it runs like any order", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const pre = await paidPreorder("HUB-GANGNAM", 2, 1);
    await setStock(t.db, hub, pre.variantId, 5);

    // Not yet released: nothing happens.
    expect(await releasePaidPreorders(t.db)).toMatchObject({ converted: [] });
    expect(await ordersOf(pre.reservationIds)).toEqual([]);

    await launch(pre.reservable.id);
    const run = await releasePaidPreorders(t.db);
    expect(run.converted.filter(([r]) => pre.reservationIds.includes(r))).toHaveLength(2);
    const made = await ordersOf(pre.reservationIds);
    expect(made).toHaveLength(2);
    expect(await stockAt(t.db, hub, pre.variantId)).toEqual({ onHand: 5, reserved: 2 });

    const [first] = made.filter((o) => o.reservationId === pre.reservationIds[0]);
    const customer = pre.customers[0]!;
    const order = await getOrderFor(t.db, customer, first!.id);
    expect(order).toMatchObject({
      status: "confirmed",
      total: 900_000,
      shippingFee: 0,
      sourceLocationId: hub,
      items: [{ variantId: pre.variantId, quantity: 1, price: 900_000 }],
      sellerOrders: [
        {
          sourceLocationId: hub,
          status: "confirmed",
          subtotal: 900_000,
          events: [{ toStatus: "confirmed", by: "system", reason: "pre-order released" }],
        },
      ],
    });
    // The reservation's captured payment is the order's payment now.
    const [pay] = await t.db.select().from(payments).where(eq(payments.refId, first!.id));
    expect(pay).toMatchObject({ purpose: "order", status: "captured", amount: 900_000 });
    const [res] = await t.db.select().from(reservations).where(eq(reservations.id, pre.reservationIds[0]!));
    expect(res).toMatchObject({ status: "paid", paymentId: pay!.id });
    // One order_reserve per order, nothing else for the pre-order.
    const moves = await t.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.locationId, hub), eq(stockMovements.variantId, pre.variantId)));
    expect(moves.map((m) => [m.kind, m.reservedDelta]).sort()).toEqual([
      ["adjustment", 0],
      ["order_reserve", 1],
      ["order_reserve", 1],
    ]);

    // In the hub's dealer's queue, not another dealer's.
    const partId = order.sellerOrders[0]!.id;
    expect((await fulfilmentQueue(t.db, dealer, {})).items.map((i: { id: string }) => i.id)).toContain(
      partId,
    );
    expect((await fulfilmentQueue(t.db, dealer2, {})).items.map((i: { id: string }) => i.id)).not.toContain(
      partId,
    );
    for (const verb of [acceptSellerOrder, packSellerOrder, shipSellerOrder, deliverSellerOrder])
      await t.db.transaction((tx) => verb(tx, dealer, partId, {}));
    const delivered = await getOrderFor(t.db, customer, first!.id);
    expect(delivered.status).toBe("delivered");
    expect(delivered.sellerOrders[0]!.events.map((e) => e.toStatus)).toEqual([
      "confirmed",
      "accepted",
      "packed",
      "shipped",
      "delivered",
    ]);
    expect(await stockAt(t.db, hub, pre.variantId)).toEqual({ onHand: 4, reserved: 1 });

    // The customer's reservations link to the order.
    const mine = await myReservations(t.db, customer);
    expect(mine.find((r) => r.id === pre.reservationIds[0])).toMatchObject({
      orderId: first!.id,
    });

    // A second run finds nothing more to do.
    const again = await releasePaidPreorders(t.db);
    expect(again.converted.filter(([r]) => pre.reservationIds.includes(r))).toEqual([]);
    expect(await ordersOf(pre.reservationIds)).toHaveLength(2);
  });

  it("cancelling the released order refunds the pre-order's payment once and releases the stock", async () => {
    const lc = ids.loc("LC-ICHEON");
    const pre = await paidPreorder("LC-ICHEON", 1, 2, 500_000);
    await setStock(t.db, lc, pre.variantId, 10);
    await launch(pre.reservable.id);
    await releasePaidPreorders(t.db);
    const [o] = await ordersOf(pre.reservationIds);
    expect(o).toMatchObject({ total: 1_000_000, sourceLocationId: lc });
    // A center's orders are marketing's to fulfil.
    const [part] = await t.db.select().from(sellerOrders).where(eq(sellerOrders.orderId, o!.id));
    expect((await fulfilmentQueue(t.db, marketing, {})).items.map((i: { id: string }) => i.id)).toContain(
      part!.id,
    );
    const cancelled = await cancelOrder(t.db, pre.customers[0]!, o!.id, {});
    expect(cancelled.status).toBe("cancelled");
    expect(await stockAt(t.db, lc, pre.variantId)).toEqual({ onHand: 10, reserved: 0 });
    const [pay] = await t.db.select().from(payments).where(eq(payments.refId, o!.id));
    const made = await t.db.select().from(refunds).where(eq(refunds.paymentId, pay!.id));
    expect(made.map((r) => [r.amount, r.status])).toEqual([[1_000_000, "succeeded"]]);

    // Calling the pre-order off afterwards leaves the ordered reservation (and its money) alone.
    await cancelReservable(t.db, marketing, pre.reservable.id, { reason: "recall" });
    const [res] = await t.db.select().from(reservations).where(eq(reservations.id, pre.reservationIds[0]!));
    expect(res!.status).toBe("paid");
    expect(await t.db.select().from(refunds).where(eq(refunds.paymentId, pay!.id))).toHaveLength(1);
  });

  it("waits while the launch stock has not arrived, then converts on the next run", async () => {
    const lc = ids.loc("LC-DAEJEON");
    const pre = await paidPreorder("LC-DAEJEON", 2, 1);
    await setStock(t.db, lc, pre.variantId, 1);
    await launch(pre.reservable.id);
    const before = await t.db.execute(sql`select count(*)::int as n from stock_movements`);
    const run = await releasePaidPreorders(t.db);
    // The oldest gets the one unit; the other waits, with nothing written for it.
    expect(run.converted.filter(([r]) => pre.reservationIds.includes(r))).toEqual([
      [pre.reservationIds[0], expect.any(String)],
    ]);
    expect(run.waitingForStock).toBe(1);
    const after = await t.db.execute(sql`select count(*)::int as n from stock_movements`);
    expect(after[0]!.n).toBe((before[0]!.n as number) + 1);
    expect(await ordersOf(pre.reservationIds)).toHaveLength(1);
    await setStock(t.db, lc, pre.variantId, 3);
    const next = await releasePaidPreorders(t.db);
    expect(next.converted.map(([r]) => r)).toContain(pre.reservationIds[1]);
    expect(await ordersOf(pre.reservationIds)).toHaveLength(2);
  });

  it("leaves unpaid, cancelled and location-less pre-orders alone", async () => {
    const p = await makeReservationProduct(t.db, { sellerId: retailerId });
    const noLoc = await makeReservable(t.db, { ...p, capacity: 10 });
    const [c1, c2] = await makeCustomers(t.db, 2);
    const a = await t.db.transaction((tx) =>
      requestReservation(tx, c1!, { reservableId: noLoc.id, quantity: 1 }),
    );
    await settleUntilIdle(t.db);
    await payReservation(t.db, c1!, a.id, {});
    const withLoc = await makeReservable(t.db, { ...p, capacity: 10, locationId: ids.loc("HUB-BUNDANG") });
    const b = await t.db.transaction((tx) =>
      requestReservation(tx, c2!, { reservableId: withLoc.id, quantity: 1 }),
    );
    await settleUntilIdle(t.db); // confirmed, never paid
    await setStock(t.db, ids.loc("HUB-BUNDANG"), p.variantId, 5);
    await launch(noLoc.id);
    await launch(withLoc.id);
    await releasePaidPreorders(t.db);
    expect(await ordersOf([a.id, b.id])).toEqual([]);
  });

  it("is exactly once with two workers running at the same time", async () => {
    const hub = ids.loc("HUB-JONGNO");
    const pre = await paidPreorder("HUB-JONGNO", 30, 1, 100_000);
    await setStock(t.db, hub, pre.variantId, 100);
    await launch(pre.reservable.id);
    // A second process's pool, as a second worker would have.
    const other = createDb(t.url, { max: 5 });
    try {
      const runs = await Promise.all([
        releasePaidPreorders(t.db, { batch: 7 }),
        releasePaidPreorders(other.db, { batch: 7 }),
        releasePaidPreorders(t.db, { batch: 7 }),
      ]);
      const converted = runs.flatMap((r) => r.converted).filter(([r]) => pre.reservationIds.includes(r));
      expect(converted).toHaveLength(30);
      expect(new Set(converted.map(([r]) => r)).size).toBe(30);
    } finally {
      await other.sql.end({ timeout: 5 });
    }
    expect(await ordersOf(pre.reservationIds)).toHaveLength(30);
    expect(await stockAt(t.db, hub, pre.variantId)).toEqual({ onHand: 100, reserved: 30 });
    const reserves = await t.db
      .select()
      .from(stockMovements)
      .where(
        and(
          eq(stockMovements.locationId, hub),
          eq(stockMovements.variantId, pre.variantId),
          eq(stockMovements.kind, "order_reserve"),
        ),
      );
    expect(reserves).toHaveLength(30);
  });
});

describe("a released pre-order is cancelled as its order", () => {
  it("refuses cancelling the reservation itself (409), even before its deadline", async () => {
    const pre = await paidPreorder("HUB-BUNDANG", 1, 1);
    await setStock(t.db, ids.loc("HUB-BUNDANG"), pre.variantId, 3);
    await launch(pre.reservable.id);
    await releasePaidPreorders(t.db);
    // A deadline still ahead (the edge where it equals the launch): the order decides.
    await t.db
      .update(reservables)
      .set({ cancelDeadline: addMinutes(new Date(), 60) })
      .where(eq(reservables.id, pre.reservable.id));
    const { cancelReservation } = await import("./cancel-reservation");
    await expect(
      cancelReservation(t.db, pre.customers[0]!, pre.reservationIds[0]!, {}),
    ).rejects.toMatchObject({
      status: 409,
      code: "reservation.not_cancellable",
    });
    const [res] = await t.db.select().from(reservations).where(eq(reservations.id, pre.reservationIds[0]!));
    expect(res!.status).toBe("paid");
  });
});

describe("a pre-order's source location", () => {
  it("is a center or hub for the retailer's products, the seller's own warehouse for a seller's (422 otherwise)", async () => {
    const { createPreorder } = await import("./create-reservables");
    const p = await makeReservationProduct(t.db, { sellerId: retailerId });
    const launch = addMinutes(new Date(), 60 * 24 * 10);
    const body = (locationId: string) => ({
      variantId: p.variantId,
      locationId,
      capacity: 10,
      opensAt: new Date().toISOString(),
      launchAt: launch.toISOString(),
      cancelDeadline: addMinutes(launch, -60).toISOString(),
    });
    const made = await t.db.transaction((tx) => createPreorder(tx, marketing, body(ids.loc("LC-ICHEON"))));
    const [row] = await t.db.select().from(reservables).where(eq(reservables.id, made.id));
    expect(row!.locationId).toBe(ids.loc("LC-ICHEON"));
    await expect(
      t.db.transaction((tx) => createPreorder(tx, marketing, body(ids.loc("WH-DIGITALPLAZA")))),
    ).rejects.toMatchObject({ status: 422, errors: { locationId: expect.any(String) } });
    await expect(
      t.db.transaction((tx) => createPreorder(tx, marketing, body("00000000-0000-4000-8000-000000000000"))),
    ).rejects.toMatchObject({ status: 422, errors: { locationId: "No such location." } });
    const seller = await actorFor(t.db, "seller@demo.test");
    const own = await makeReservationProduct(t.db, { sellerId: seller.organisationId! });
    const sellerBody = (code: string) => ({ ...body(ids.loc(code)), variantId: own.variantId });
    expect(
      (await t.db.transaction((tx) => createPreorder(tx, seller, sellerBody("WH-DIGITALPLAZA")))).id,
    ).toEqual(expect.any(String));
    for (const code of ["WH-SMARTHOME", "LC-ICHEON"])
      await expect(
        t.db.transaction((tx) => createPreorder(tx, seller, sellerBody(code))),
      ).rejects.toMatchObject({ status: 422, errors: { locationId: "Must be the seller's own warehouse." } });
  });
});
