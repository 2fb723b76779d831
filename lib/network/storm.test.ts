import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { stockMovements } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { adjustStock } from "@/lib/inventory/adjust-stock";
import {
  approveTransfer,
  cancelTransfer,
  receiveTransfer,
  shipTransfer,
} from "@/lib/inventory/advance-transfer";
import { createTransfer } from "@/lib/inventory/create-transfer";
import { checkLedger } from "@/lib/inventory/ledger";
import { receiveGoods } from "@/lib/inventory/receive-goods";
import { placeOrder } from "@/lib/orders/place-order";
import { FakePaymentProvider } from "@/lib/payments/fake";
import { makeCustomers } from "@/lib/reservations/testing";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { address, demoIds, demoWorld, setStock, stockAt } from "@/test/orders-fixtures";

/**
 * The whole network at once on one logistics center: goods receipts, count corrections, transfers
 * shipped, received and cancelled in transit, and 100 customer orders, all in parallel, each in its own
 * transaction. Afterwards: nothing negative, every level is exactly what the successful operations add
 * up to (no lost update), and the ledger check (GET /api/ledger/check's function) finds no drift.
 * (Two corrections with the same expected count, one winning: app/api/locations/[id]/stock-operations.test.ts.)
 */
const t = setupTestDb();
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
const fake = new FakePaymentProvider();
let ids: Awaited<ReturnType<typeof demoIds>>;
let dealer: UserActor, dealer2: UserActor, marketing: UserActor;
const A = "SM-S931N-1-1";
const B = "SM-S931N-1-2";

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, dealer, dealer2, marketing } = await demoWorld(t.db));
});

type Settled = PromiseSettledResult<unknown>;
const ok = (rs: Settled[]) => rs.filter((r) => r.status === "fulfilled").length;
const reasons = (rs: Settled[]) =>
  rs.flatMap((r) => (r.status === "rejected" ? [r.reason as { status?: number; code?: string }] : []));

describe("a storm on one logistics center", () => {
  it("receipts, corrections, transfers and 100 orders at once: nothing negative, no lost update, no drift", async () => {
    const lc = ids.loc("LC-ICHEON");
    const [a, b] = [ids.variant(A), ids.variant(B)];
    await setStock(t.db, lc, a, 120);
    await setStock(t.db, lc, b, 60);

    // Transfers out of the center, set up beforehand: 4 approved (to ship in the storm), 4 in transit
    // (2 to receive, 2 to cancel with their lines returned). 3 of A and 2 of B each.
    const hubs: [string, UserActor][] = [
      ["HUB-GANGNAM", dealer],
      ["HUB-BUNDANG", dealer],
      ["HUB-HAEUNDAE", dealer2],
      ["HUB-DONGSEONGNO", dealer2],
    ];
    const make = async ([hub, by]: [string, UserActor]) => {
      const tr = await run((tx) =>
        createTransfer(tx, by, {
          fromLocationId: lc,
          toLocationId: ids.loc(hub),
          items: [
            { variantId: a, quantity: 3 },
            { variantId: b, quantity: 2 },
          ],
        }),
      ).then((r) => r.transfer.id);
      await run((tx) => approveTransfer(tx, marketing, tr, {}));
      return { id: tr, receiver: by };
    };
    const toShip = [];
    for (const h of hubs) toShip.push(await make(h));
    const inTransit = [];
    for (const h of [...hubs]) {
      const tr = await make(h);
      await run((tx) => shipTransfer(tx, marketing, tr.id, {}));
      inTransit.push(tr);
    }
    const start = { a: await stockAt(t.db, lc, a), b: await stockAt(t.db, lc, b) };
    // 120 − 8 × 3 shipped … reserved 4 × 3 for the approved ones.
    expect(start.a).toEqual({ onHand: 120 - 12, reserved: 12 });
    expect(start.b).toEqual({ onHand: 60 - 8, reserved: 8 });

    const customers = await makeCustomers(t.db, 100);
    const [toReceive, toCancel] = [inTransit.slice(0, 2), inTransit.slice(2)];
    // Corrections: each counted the level as it was before the storm (the second of each pair is stale
    // by construction once the first has won).
    const corrections = [
      { variantId: a, expectedOnHand: start.a.onHand, onHand: start.a.onHand + 1, reason: "recount" },
      { variantId: a, expectedOnHand: start.a.onHand, onHand: start.a.onHand + 2, reason: "recount" },
      { variantId: b, expectedOnHand: start.b.onHand, onHand: start.b.onHand + 3, reason: "recount" },
      { variantId: b, expectedOnHand: start.b.onHand, onHand: start.b.onHand - 1, reason: "recount" },
    ];

    const [orders, receipts, counts, ships, receives, cancels] = await Promise.all([
      Promise.allSettled(
        customers.map((c, i) =>
          placeOrder(
            t.db,
            c,
            {
              // Two of A each (more than the center can give), and every fourth customer one of B too.
              items: [{ variantId: a, quantity: 2 }, ...(i % 4 === 0 ? [{ variantId: b, quantity: 1 }] : [])],
              sourceLocationId: lc,
              shippingAddress: address(),
            },
            { payments: fake },
          ),
        ),
      ),
      Promise.allSettled(
        [5, 7, 9].map((q, i) =>
          run((tx) =>
            receiveGoods(tx, marketing, lc, {
              items: [
                { variantId: a, quantity: q },
                { variantId: b, quantity: 1 },
              ],
              reference: `INV-STORM-${i}`,
            }),
          ),
        ),
      ),
      Promise.allSettled(corrections.map((c) => run((tx) => adjustStock(tx, marketing, lc, c)))),
      Promise.allSettled(toShip.map((tr) => run((tx) => shipTransfer(tx, marketing, tr.id, {})))),
      Promise.allSettled(toReceive.map((tr) => run((tx) => receiveTransfer(tx, tr.receiver, tr.id, {})))),
      Promise.allSettled(
        toCancel.map((tr) =>
          run((tx) =>
            cancelTransfer(tx, marketing, tr.id, {
              lines: [
                { variantId: a, disposition: "return" },
                { variantId: b, disposition: "return" },
              ],
            }),
          ),
        ),
      ),
    ]);

    // Every refusal is a clear conflict, never a deadlock or an error.
    expect(reasons(orders).map((e) => [e.status, e.code])).toEqual(
      reasons(orders).map(() => [409, "order.insufficient_stock"]),
    );
    expect(reasons(counts).map((e) => [e.status, e.code])).toEqual(
      reasons(counts).map(() => [409, "stock.stale"]),
    );
    expect([ok(receipts), ok(ships), ok(receives), ok(cancels)]).toEqual([3, 4, 2, 2]);
    // At most one correction per variant wins: the other had counted the same figure (and a receipt or a
    // shipment committed first makes both stale).
    for (const v of [a, b])
      expect(
        counts.filter((r, i) => r.status === "fulfilled" && corrections[i]!.variantId === v).length,
      ).toBeLessThanOrEqual(1);

    // What the successful operations add up to, from the ledger rows they wrote (kinds and refs).
    const sum = async (variantId: string, kind: string) => {
      const [row] = await t.db
        .select({
          oh: sql<number>`coalesce(sum(${stockMovements.onHandDelta}), 0)::int`,
          rs: sql<number>`coalesce(sum(${stockMovements.reservedDelta}), 0)::int`,
          n: sql<number>`count(*)::int`,
        })
        .from(stockMovements)
        .where(
          and(
            eq(stockMovements.locationId, lc),
            eq(stockMovements.variantId, variantId),
            sql`${stockMovements.kind} = ${kind}`,
            sql`${stockMovements.refType} <> 'test'`,
          ),
        );
      return row!;
    };
    const placed = orders.filter((r) => r.status === "fulfilled").length;
    const placedWithB = orders.filter((r, i) => r.status === "fulfilled" && i % 4 === 0).length;
    expect(placed).toBeGreaterThan(0);
    expect(placed).toBeLessThan(100); // demand (200 of A) was more than the center had
    const winningDelta = (variantId: string) =>
      counts.flatMap((r, i) =>
        r.status === "fulfilled" && corrections[i]!.variantId === variantId
          ? [corrections[i]!.onHand - corrections[i]!.expectedOnHand]
          : [],
      )[0] ?? 0;
    for (const [v, s, perOrder, receipts, perTransfer, ordersOfV] of [
      [a, start.a, 2, 5 + 7 + 9, 3, placed],
      [b, start.b, 1, 3, 2, placedWithB],
    ] as const) {
      const level = await stockAt(t.db, lc, v);
      expect(await sum(v, "order_reserve")).toMatchObject({ rs: perOrder * ordersOfV, n: ordersOfV });
      expect(await sum(v, "receipt")).toMatchObject({ oh: receipts, n: 3 });
      expect(await sum(v, "transfer_return")).toMatchObject({ oh: 2 * perTransfer, n: 2 });
      const won = counts.filter((r, i) => r.status === "fulfilled" && corrections[i]!.variantId === v).length;
      expect(await sum(v, "adjustment")).toMatchObject({ oh: winningDelta(v), n: won });
      // No lost update: on hand is the start, plus the receipts, the winning correction and the returns,
      // minus what shipped in the storm; reserved is what the placed orders hold (the approved transfers'
      // reservations left with them).
      expect(level).toEqual({
        onHand: s.onHand + receipts + winningDelta(v) + 2 * perTransfer - 4 * perTransfer,
        reserved: perOrder * ordersOfV,
      });
    }
    // The hubs that received have their goods; nothing anywhere is negative or over-reserved.
    expect((await stockAt(t.db, ids.loc("HUB-GANGNAM"), a)).onHand).toBeGreaterThanOrEqual(3);
    const [bad] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from stock_levels where on_hand < 0 or reserved < 0 or reserved > on_hand`,
    );
    expect(bad!.n).toBe(0);
    const check = await checkLedger(t.db, marketing);
    expect(check.drift).toEqual([]);
    expect(check.levels).toBeGreaterThan(0);
  });
});
