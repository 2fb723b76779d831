import { addDays, addHours } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { auditProbe } from "@/test/audit";
import { setupTestDb } from "@/test/db";
import { makeCustomer, seedDemo } from "@/test/factories";
import { demoIds, demoWorld } from "@/test/orders-fixtures";
import { cancelReservable, cancelSlotDay } from "./cancel-reservable";
import { createPreorder, generateSlots } from "./create-reservables";
import { payReservation } from "./pay-reservation";
import { requestReservation } from "./request-reservation";
import { makeReservationProduct } from "./testing";
import { settleUntilIdle } from "./worker";

/** Every staff verb on reservables writes one audit row in its own transaction (lib/audit.ts); customers' do not. */
const t = setupTestDb();
const { rowsWritten, expectOneRow, summary } = auditProbe(() => t.db);
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let ids: Awaited<ReturnType<typeof demoIds>>;
let dealer: UserActor, marketing: UserActor;

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, dealer, marketing } = await demoWorld(t.db));
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
      await payReservation(t.db, buyer, r.id, {});
    });
    expect(paidRows).toEqual([]);

    const rows = await rowsWritten(() => cancelReservable(t.db, marketing, id, { reason: "launch moved" }));
    expect(summary(rows)).toEqual([
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
    expect(await rowsWritten(() => cancelReservable(t.db, marketing, id, { reason: "again" }))).toEqual([]);
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
      () => cancelSlotDay(t.db, dealer, { locationId: hub, date: fromDate, reason: "inventory day" }),
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
