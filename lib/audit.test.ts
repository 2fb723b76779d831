import { addDays, addHours } from "date-fns";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { auditLog, transfers } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import {
  approveTransfer,
  cancelTransfer,
  receiveTransfer,
  rejectTransfer,
  shipTransfer,
} from "@/lib/inventory/advance-transfer";
import { createTransfer } from "@/lib/inventory/create-transfer";
import {
  acceptSellerOrder,
  deliverSellerOrder,
  packSellerOrder,
  shipSellerOrder,
} from "@/lib/orders/advance-seller-order";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { cancelSellerOrder } from "@/lib/orders/cancel-seller-order";
import { FakePaymentProvider } from "@/lib/orders/payments/fake";
import { placeOrder } from "@/lib/orders/place-order";
import { cancelReservable, cancelSlotDay } from "@/lib/reservations/cancel-reservable";
import { createPreorder, generateSlots } from "@/lib/reservations/create-reservables";
import { payReservation } from "@/lib/reservations/pay-reservation";
import { requestReservation } from "@/lib/reservations/request-reservation";
import { makeReservationProduct } from "@/lib/reservations/testing";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { address, demoIds, setStock } from "@/test/orders-fixtures";
import { recordAudit } from "./audit";

const t = setupTestDb();
const fake = new FakePaymentProvider();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor, dealer: UserActor, marketing: UserActor, seller: UserActor;
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
const PHONE = "SM-S931N-1-1";

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  [customer, dealer, marketing, seller] = (await Promise.all(
    ["customer", "dealer", "marketing", "seller"].map((n) => actorFor(t.db, `${n}@demo.test`)),
  )) as [UserActor, UserActor, UserActor, UserActor];
  await setStock(t.db, ids.loc("LC-ICHEON"), ids.variant(PHONE), 100);
});

/** The audit rows `fn` wrote (whether it succeeded or threw), oldest first. */
async function rowsWritten(fn: () => Promise<unknown>) {
  const before = new Set((await t.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id));
  await fn().catch(() => undefined);
  const after = await t.db.select().from(auditLog).orderBy(asc(auditLog.at), asc(auditLog.id));
  return after.filter((r) => !before.has(r.id));
}

/** Exactly one row, by this actor, of this action, on this target. */
async function expectOneRow(
  fn: () => Promise<unknown>,
  who: UserActor,
  action: string,
  target: { type: string; id: () => string },
) {
  const rows = await rowsWritten(fn);
  expect(rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId])).toEqual([
    [who.id, action, target.type, target.id()],
  ]);
  return rows[0]!;
}

const requestInto = (actor: UserActor, quantity = 2) =>
  run((tx) =>
    createTransfer(tx, actor, {
      fromLocationId: ids.loc("LC-ICHEON"),
      toLocationId: ids.loc("HUB-GANGNAM"),
      items: [{ variantId: ids.variant(PHONE), quantity }],
    }),
  ).then((r) => r.transfer.id);

describe("transfers", () => {
  it("request, approve, ship and receive each write one row: who, what, which transfer, from and to", async () => {
    let id = "";
    const transfer = { type: "transfer", id: () => id };
    const requested = await expectOneRow(
      async () => (id = await requestInto(dealer, 3)),
      dealer,
      "transfer.request",
      transfer,
    );
    expect(requested.detail).toMatchObject({
      fromLocationId: ids.loc("LC-ICHEON"),
      toLocationId: ids.loc("HUB-GANGNAM"),
      items: [{ variantId: ids.variant(PHONE), quantity: 3 }],
    });
    const approved = await expectOneRow(
      () => run((tx) => approveTransfer(tx, marketing, id, {})),
      marketing,
      "transfer.approve",
      transfer,
    );
    expect(approved.detail).toEqual({ from: "requested", to: "approved" });
    await expectOneRow(
      () => run((tx) => shipTransfer(tx, marketing, id, {})),
      marketing,
      "transfer.ship",
      transfer,
    );
    const received = await expectOneRow(
      () =>
        run((tx) =>
          receiveTransfer(tx, dealer, id, { items: [{ variantId: ids.variant(PHONE), quantity: 2 }] }),
        ),
      dealer,
      "transfer.receive",
      transfer,
    );
    expect(received.detail).toEqual({ from: "in_transit", to: "received", reason: `shortfall: ${PHONE} 1` });
  });

  it("reject and cancel record their reasons", async () => {
    let id = await requestInto(dealer);
    const transfer = { type: "transfer", id: () => id };
    const rejected = await expectOneRow(
      () => run((tx) => rejectTransfer(tx, marketing, id, { reason: "not this week" })),
      marketing,
      "transfer.reject",
      transfer,
    );
    expect(rejected.detail).toEqual({ from: "requested", to: "rejected", reason: "not this week" });
    id = await requestInto(dealer);
    const cancelled = await expectOneRow(
      () => run((tx) => cancelTransfer(tx, dealer, id, { reason: "ordered twice" })),
      dealer,
      "transfer.cancel",
      transfer,
    );
    expect(cancelled.detail).toEqual({ from: "requested", to: "cancelled", reason: "ordered twice" });
  });

  it("a refused step, a step from a wrong state and an Idempotency-Key replay write nothing", async () => {
    const id = await requestInto(dealer);
    expect(await rowsWritten(() => run((tx) => approveTransfer(tx, dealer, id, {})))).toEqual([]); // 403
    expect(await rowsWritten(() => run((tx) => shipTransfer(tx, marketing, id, {})))).toEqual([]); // 409
    const create = () =>
      run((tx) =>
        createTransfer(
          tx,
          dealer,
          {
            fromLocationId: ids.loc("LC-ICHEON"),
            toLocationId: ids.loc("HUB-GANGNAM"),
            items: [{ variantId: ids.variant(PHONE), quantity: 1 }],
          },
          { idempotencyKey: "audit-replay" },
        ),
      );
    expect(await rowsWritten(create)).toHaveLength(1);
    expect(await rowsWritten(create)).toEqual([]);
  });

  it("a rolled-back action leaves no audit row: the row is written in the action's own transaction", async () => {
    const id = await requestInto(dealer);
    const rows = await rowsWritten(() =>
      run(async (tx) => {
        await approveTransfer(tx, marketing, id, {});
        throw new Error("the caller gave up");
      }),
    );
    expect(rows).toEqual([]);
    const [row] = await t.db.select().from(transfers).where(eq(transfers.id, id));
    expect(row!.status).toBe("requested");

    // Short stock fails on the last statement, after the audit row was written: that row goes too.
    const big = await requestInto(dealer, 1000);
    let error: unknown;
    const short = await rowsWritten(() =>
      run((tx) => approveTransfer(tx, marketing, big, {})).catch((e: unknown) => (error = e)),
    );
    expect(error).toMatchObject({ code: "transfer.insufficient_stock" });
    expect(short).toEqual([]);
  });

  it("recordAudit writes nothing of its own outside the transaction it is given", async () => {
    const rows = await rowsWritten(() =>
      run(async (tx) => {
        await recordAudit(tx, marketing, {
          action: "transfer.approve",
          targetType: "transfer",
          targetId: "x",
        });
        tx.rollback();
      }),
    );
    expect(rows).toEqual([]);
  });
});

describe("seller orders", () => {
  /** A two-seller order: a phone from the Bundang HUB (dealer), a router from Digital Plaza (seller). */
  async function twoSellerOrder(sku: string) {
    await setStock(t.db, ids.loc("HUB-BUNDANG"), ids.variant(sku), 10);
    const { order } = await placeOrder(
      t.db,
      customer,
      {
        items: [
          { variantId: ids.variant(sku), quantity: 2 },
          { variantId: ids.variant("DP-AX6E-2"), quantity: 1 },
        ],
        sourceLocationId: ids.loc("HUB-BUNDANG"),
        shippingAddress: address(),
      },
      { payments: fake },
    );
    const hubPart = order.sellerOrders.find((s) => s.sourceLocation.code === "HUB-BUNDANG")!;
    const whPart = order.sellerOrders.find((s) => s.sourceLocation.code === "WH-DIGITALPLAZA")!;
    return { order, hubPart, whPart };
  }

  it("accept, pack, ship and deliver each write one row on the seller order", async () => {
    const { order, hubPart } = await twoSellerOrder("SM-S938N-1-1");
    const part = { type: "seller_order", id: () => hubPart.id };
    const steps = [
      ["accept", acceptSellerOrder, "confirmed", "accepted"],
      ["pack", packSellerOrder, "accepted", "packed"],
      ["ship", shipSellerOrder, "packed", "shipped"],
      ["deliver", deliverSellerOrder, "shipped", "delivered"],
    ] as const;
    for (const [step, verb, from, to] of steps) {
      const row = await expectOneRow(
        () => run((tx) => verb(tx, dealer, hubPart.id, {})),
        dealer,
        `seller_order.${step}`,
        part,
      );
      expect(row.detail).toEqual({ orderId: order.id, from, to });
    }
    expect(await rowsWritten(() => run((tx) => deliverSellerOrder(tx, dealer, hubPart.id, {})))).toEqual([]);
  });

  it("a staff cancel writes the cancel and the refund it made, with the amount", async () => {
    const { order, whPart } = await twoSellerOrder("SM-S938N-1-2");
    const rows = await rowsWritten(() =>
      run((tx) => cancelSellerOrder(tx, seller, whPart.id, { reason: "out of stock" }, { payments: fake })),
    );
    expect(rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId, r.detail])).toEqual([
      [
        seller.id,
        "seller_order.cancel",
        "seller_order",
        whPart.id,
        { orderId: order.id, from: "confirmed", to: "cancelled", reason: "out of stock" },
      ],
      [seller.id, "refund", "seller_order", whPart.id, { orderId: order.id, amount: whPart.subtotal }],
    ]);
    expect(whPart.subtotal).toBeGreaterThan(0);
  });

  it("customers' own actions are not staff actions: placing and cancelling an order write nothing", async () => {
    let orderId = "";
    expect(
      await rowsWritten(async () => (orderId = (await twoSellerOrder("SM-S938N-2-1")).order.id)),
    ).toEqual([]);
    expect(
      await rowsWritten(() => run((tx) => cancelOrder(tx, customer, orderId, {}, { payments: fake }))),
    ).toEqual([]);
  });
});

describe("reservables", () => {
  const seoulDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(d);

  it("a pre-order, then calling it off with a paid reservation: the create, the cancel and the refund", async () => {
    const product = await makeReservationProduct(t.db, { price: 30_000 });
    const launch = addDays(new Date(), 10);
    let id = "";
    const created = await expectOneRow(
      async () =>
        (id = (
          await run((tx) =>
            createPreorder(tx, marketing, {
              variantId: product.variantId,
              capacity: 50,
              opensAt: addHours(new Date(), -1).toISOString(),
              launchAt: launch.toISOString(),
              cancelDeadline: addHours(launch, -24).toISOString(),
            }),
          )
        ).id),
      marketing,
      "reservable.create",
      { type: "reservable", id: () => id },
    );
    expect(created.detail).toMatchObject({ kind: "preorder", variantId: product.variantId, capacity: 50 });

    // Reserving and paying are the customer's: nothing recorded.
    const buyer = await makeCustomer(t.db);
    const paidRows = await rowsWritten(async () => {
      const r = await requestReservation(t.db, buyer, { reservableId: id, quantity: 2 });
      await settleUntilIdle(t.db);
      await run((tx) => payReservation(tx, buyer, r.id, {}));
    });
    expect(paidRows).toEqual([]);

    const rows = await rowsWritten(() =>
      run((tx) => cancelReservable(tx, marketing, id, { reason: "launch moved" })),
    );
    expect(rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId, r.detail])).toEqual([
      [
        marketing.id,
        "reservable.cancel",
        "reservable",
        id,
        { reason: "launch moved", cancelledReservations: 1 },
      ],
      [marketing.id, "refund", "reservable", id, { amount: 60_000, refunds: 1 }],
    ]);
    // Again: 409, nothing new.
    expect(
      await rowsWritten(() => run((tx) => cancelReservable(tx, marketing, id, { reason: "again" }))),
    ).toEqual([]);
  });

  it("generating slots writes one row on the hub; generating the same ones again writes none; a day off writes one", async () => {
    const product = await makeReservationProduct(t.db);
    const hub = ids.loc("HUB-BUNDANG");
    const fromDate = seoulDay(addDays(new Date(), 40));
    const input = {
      variantId: product.variantId,
      locationId: hub,
      fromDate,
      days: 1,
      dayStart: "10:00",
      dayEnd: "12:00",
      slotMinutes: 30,
      capacity: 2,
    };
    const generated = await expectOneRow(
      () => run((tx) => generateSlots(tx, dealer, input)),
      dealer,
      "reservable.generate_slots",
      { type: "location", id: () => hub },
    );
    expect(generated.detail).toEqual({ variantId: product.variantId, fromDate, days: 1, created: 4 });
    expect(await rowsWritten(() => run((tx) => generateSlots(tx, dealer, input)))).toEqual([]);

    const dayOff = await expectOneRow(
      () =>
        run((tx) => cancelSlotDay(tx, dealer, { locationId: hub, date: fromDate, reason: "inventory day" })),
      dealer,
      "reservable.cancel_day",
      { type: "location", id: () => hub },
    );
    expect(dayOff.detail).toEqual({
      date: fromDate,
      reason: "inventory day",
      cancelledSlots: 4,
      cancelledReservations: 0,
    });
    // Nothing was paid, so nothing was refunded: no refund row (expectOneRow saw exactly one).
  });
});
