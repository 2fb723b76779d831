import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { transfers } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { auditProbe } from "@/test/audit";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { demoIds, demoWorld, setStock, stockAt } from "@/test/orders-fixtures";
import { adjustStock } from "./adjust-stock";
import {
  approveTransfer,
  cancelTransfer,
  receiveTransfer,
  rejectTransfer,
  shipTransfer,
} from "./advance-transfer";
import { createTransfer } from "./create-transfer";
import { receiveGoods } from "./receive-goods";

/** Every staff verb of the inventory domain writes one audit row in its own transaction (lib/audit.ts). */
const t = setupTestDb();
const { rowsWritten, expectOneRow } = auditProbe(() => t.db);
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let ids: Awaited<ReturnType<typeof demoIds>>;
let dealer: UserActor, marketing: UserActor;
const PHONE = "SM-S931N-1-1";

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, dealer, marketing } = await demoWorld(t.db));
  await setStock(t.db, ids.loc("LC-ICHEON"), ids.variant(PHONE), 100);
});

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
});

describe("stock operations", () => {
  it("a count correction writes one row on the location: the variant, on hand before and after, the reason", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const variantId = ids.variant(PHONE);
    await setStock(t.db, hub, variantId, 9);
    const row = await expectOneRow(
      () =>
        run((tx) =>
          adjustStock(tx, dealer, hub, { variantId, expectedOnHand: 9, onHand: 7, reason: "two damaged" }),
        ),
      dealer,
      "stock.adjust",
      { type: "location", id: () => hub },
    );
    expect(row.detail).toEqual({ variantId, onHandBefore: 9, onHandAfter: 7, reason: "two damaged" });
    // A stale count (409) changes nothing and records nothing.
    expect(
      await rowsWritten(() =>
        run((tx) =>
          adjustStock(tx, dealer, hub, { variantId, expectedOnHand: 9, onHand: 5, reason: "again" }),
        ),
      ),
    ).toEqual([]);
    expect((await stockAt(t.db, hub, variantId)).onHand).toBe(7);
  });

  it("a supplier's delivery writes one row on the location, with the receipt and its lines", async () => {
    const center = ids.loc("LC-DAEJEON");
    const items = [{ variantId: ids.variant(PHONE), quantity: 12 }];
    let receiptId = "";
    const row = await expectOneRow(
      async () =>
        (receiptId = (await run((tx) => receiveGoods(tx, marketing, center, { items, reference: "SEC-77" })))
          .id),
      marketing,
      "stock.receive",
      { type: "location", id: () => center },
    );
    expect(row.detail).toEqual({ receiptId, reference: "SEC-77", items });
    // A dealer may not book supplier deliveries at a center: refused, nothing recorded.
    expect(
      await rowsWritten(() => run((tx) => receiveGoods(tx, dealer, center, { items, reference: "X" }))),
    ).toEqual([]);
  });
});
