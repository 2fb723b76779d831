import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Tx } from "@/db/client";
import { stockLevels, stockMovements, transferEvents, transfers, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { ledgerDrift } from "@/lib/inventory/queries";
import { FakePaymentProvider } from "@/lib/payments/fake";
import { placeOrder } from "@/lib/orders/place-order";
import { setupTestDb } from "@/test/db";
import { checkLedgerAfterEach } from "@/test/demo-world";
import { makeCustomer, seedDemo } from "@/test/factories";
import { address, demoIds, demoWorld, setStock, stockAt } from "@/test/orders-fixtures";
import {
  approveTransfer,
  cancelTransfer,
  receiveTransfer,
  rejectTransfer,
  shipTransfer,
  stepTransfer,
} from "./advance-transfer";
import { createTransfer } from "./create-transfer";
import { getTransfer, listTransfers, transferFormOptions } from "./transfer-queries";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let dealer: UserActor, dealer2: UserActor, marketing: UserActor, seller: UserActor, customer: UserActor;
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
const PHONE = "SM-S931N-1-1";
const PHONE2 = "SM-S931N-1-2";

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, dealer, dealer2, marketing, seller, customer } = await demoWorld(t.db));
});

checkLedgerAfterEach(t);

/** A new variant of a retailer's stock product, held nowhere yet. */
async function newRetailerVariant(sku: string) {
  const [product] = await t.db
    .select({ id: variants.productId })
    .from(variants)
    .where(eq(variants.id, ids.variant(PHONE)));
  const [v] = await t.db
    .insert(variants)
    .values({ productId: product!.id, sku, price: 1_000_000 })
    .returning();
  return v!.id;
}

/** A snapshot of everything a refused call must leave untouched. */
async function snapshot() {
  const [row] = await t.db.execute(sql`select
    (select count(*)::int from transfers) as transfers,
    (select count(*)::int from transfer_events) as events,
    (select count(*)::int from stock_movements) as movements,
    (select coalesce(sum(on_hand), 0)::int from stock_levels) as on_hand,
    (select coalesce(sum(reserved), 0)::int from stock_levels) as reserved,
    (select string_agg(id::text || status::text, ',' order by id) from transfers) as statuses`);
  return row;
}

const request = (
  actor: UserActor | null,
  from: string,
  to: string,
  items: [string, number][],
  key?: string,
) =>
  run((tx) =>
    createTransfer(
      tx,
      actor,
      {
        fromLocationId: ids.loc(from),
        toLocationId: ids.loc(to),
        items: items.map(([sku, quantity]) => ({ variantId: ids.variant(sku), quantity })),
      },
      { idempotencyKey: key },
    ),
  ).then((r) => r.transfer);

describe("replenishment: center → dealer hub", () => {
  it("requested by the dealer, approved and shipped by marketing, received with a shortfall", async () => {
    const lc = ids.loc("LC-ICHEON");
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    await setStock(t.db, lc, phone, 50);
    await setStock(t.db, hub, phone, 4);

    const tr = await request(dealer, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 5]]);
    expect(tr).toMatchObject({
      status: "requested",
      fromLocationId: lc,
      toLocationId: hub,
      items: [{ variantId: phone, quantity: 5, shipped: 0, received: 0 }],
    });
    expect(tr.actions).toEqual(["cancel"]);
    expect(await stockAt(t.db, lc, phone)).toEqual({ onHand: 50, reserved: 0 });

    // The dealer may not approve their own replenishment.
    const before = await snapshot();
    await expect(run((tx) => approveTransfer(tx, dealer, tr.id, {}))).rejects.toMatchObject({ status: 403 });
    expect(await snapshot()).toEqual(before);

    const approved = await run((tx) => approveTransfer(tx, marketing, tr.id, {}));
    expect(approved.status).toBe("approved");
    expect(await stockAt(t.db, lc, phone)).toEqual({ onHand: 50, reserved: 5 });
    expect(await ledgerDrift(t.db)).toEqual([]);

    // Only the source's operator ships.
    await expect(run((tx) => shipTransfer(tx, dealer, tr.id, {}))).rejects.toMatchObject({ status: 403 });
    const shipped = await run((tx) => shipTransfer(tx, marketing, tr.id, {}));
    expect(shipped.status).toBe("in_transit");
    expect(shipped.items[0]).toMatchObject({ quantity: 5, shipped: 5, received: 0 });
    // In transit: at neither end.
    expect(await stockAt(t.db, lc, phone)).toEqual({ onHand: 45, reserved: 0 });
    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 4, reserved: 0 });

    // Only the destination's operator receives.
    await expect(run((tx) => receiveTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 403,
    });
    const received = await run((tx) =>
      receiveTransfer(tx, dealer, tr.id, { items: [{ variantId: phone, quantity: 3 }] }),
    );
    expect(received.status).toBe("received");
    expect(received.items[0]).toMatchObject({ quantity: 5, shipped: 5, received: 3, shortfall: 2 });
    expect(await stockAt(t.db, hub, phone)).toEqual({ onHand: 7, reserved: 0 });
    expect(received.events.map((e) => e.toStatus)).toEqual([
      "requested",
      "approved",
      "in_transit",
      "received",
    ]);
    expect(received.events.at(-1)!.reason).toBe(`shortfall: ${PHONE} 2`);

    const kinds = await t.db
      .select({
        kind: stockMovements.kind,
        loc: stockMovements.locationId,
        oh: stockMovements.onHandDelta,
        rs: stockMovements.reservedDelta,
      })
      .from(stockMovements)
      .where(and(eq(stockMovements.refType, "transfer"), eq(stockMovements.refId, tr.id)))
      .orderBy(stockMovements.id);
    expect(kinds).toEqual([
      { kind: "transfer_reserve", loc: lc, oh: 0, rs: 5 },
      { kind: "transfer_out", loc: lc, oh: -5, rs: -5 },
      { kind: "transfer_in", loc: hub, oh: 3, rs: 0 },
    ]);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("creates the destination's stock row when the hub never had the item", async () => {
    const lc = ids.loc("LC-ICHEON");
    const hub = ids.loc("HUB-BUNDANG");
    const router = await newRetailerVariant("TEST-NEW-1");
    await setStock(t.db, lc, router, 10);
    expect(
      await t.db
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.locationId, hub), eq(stockLevels.variantId, router))),
    ).toEqual([]);
    const tr = await run((tx) =>
      createTransfer(tx, marketing, {
        fromLocationId: lc,
        toLocationId: hub,
        items: [{ variantId: router, quantity: 2 }],
      }),
    ).then((r) => r.transfer);
    await run((tx) => approveTransfer(tx, marketing, tr.id, {}));
    await run((tx) => shipTransfer(tx, marketing, tr.id, {}));
    const done = await run((tx) => receiveTransfer(tx, dealer, tr.id, {}));
    expect(done.items[0]).toMatchObject({ shipped: 2, received: 2, shortfall: 0 });
    expect(await stockAt(t.db, hub, router)).toEqual({ onHand: 2, reserved: 0 });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });
});

describe("hub-to-hub", () => {
  it("requested into the destination, approved and shipped by the source's dealer, received in full", async () => {
    const gangnam = ids.loc("HUB-GANGNAM");
    const haeundae = ids.loc("HUB-HAEUNDAE");
    const phone = ids.variant(PHONE2);
    await setStock(t.db, gangnam, phone, 10);
    await setStock(t.db, haeundae, phone, 1);
    const tr = await request(dealer2, "HUB-GANGNAM", "HUB-HAEUNDAE", [[PHONE2, 4]]);
    // The source's dealer sees it and may approve; the requester (destination) may not: the source is
    // another organisation's hub, so for them it does not exist (404).
    expect((await getTransfer(t.db, dealer, tr.id)).actions).toEqual(["approve", "reject"]);
    await expect(run((tx) => approveTransfer(tx, dealer2, tr.id, {}))).rejects.toMatchObject({
      status: 404,
      code: "location.not_found",
    });
    await run((tx) => approveTransfer(tx, dealer, tr.id, {}));
    expect(await stockAt(t.db, gangnam, phone)).toEqual({ onHand: 10, reserved: 4 });
    // Marketing does not operate the dealer's hub: it may not ship from it.
    await expect(run((tx) => shipTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({ status: 403 });
    await run((tx) => shipTransfer(tx, dealer, tr.id, {}));
    await expect(run((tx) => receiveTransfer(tx, dealer, tr.id, {}))).rejects.toMatchObject({ status: 404 });
    const done = await run((tx) => receiveTransfer(tx, dealer2, tr.id, {}));
    expect(done.items[0]).toMatchObject({ quantity: 4, shipped: 4, received: 4, shortfall: 0 });
    expect(await stockAt(t.db, gangnam, phone)).toEqual({ onHand: 6, reserved: 0 });
    expect(await stockAt(t.db, haeundae, phone)).toEqual({ onHand: 5, reserved: 0 });
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("marketing may approve any transfer", async () => {
    await setStock(t.db, ids.loc("HUB-GANGNAM"), ids.variant(PHONE2), 10);
    const tr = await request(dealer2, "HUB-GANGNAM", "HUB-HAEUNDAE", [[PHONE2, 1]]);
    expect((await run((tx) => approveTransfer(tx, marketing, tr.id, {}))).status).toBe("approved");
    await run((tx) => cancelTransfer(tx, dealer2, tr.id, {}));
    expect(await ledgerDrift(t.db)).toEqual([]);
  });
});

describe("who may", () => {
  it("refuses anonymous (401), customers and sellers (403), and hides other organisations' transfers (404)", async () => {
    const tr = await request(dealer, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]]);
    const before = await snapshot();
    await expect(request(null, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]])).rejects.toMatchObject({
      status: 401,
    });
    await expect(request(customer, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]])).rejects.toMatchObject({
      status: 403,
    });
    await expect(request(seller, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]])).rejects.toMatchObject({
      status: 403,
    });
    // Into another organisation's hub (another dealer's, or marketing's own): 404, as if it did not exist.
    await expect(request(dealer, "LC-ICHEON", "HUB-HAEUNDAE", [[PHONE, 1]])).rejects.toMatchObject({
      status: 404,
      code: "location.not_found",
    });
    await expect(request(dealer, "LC-ICHEON", "HUB-JONGNO", [[PHONE, 1]])).rejects.toMatchObject({
      status: 404,
      code: "location.not_found",
    });
    await expect(request(dealer2, "HUB-GANGNAM", "HUB-BUNDANG", [[PHONE, 1]])).rejects.toMatchObject({
      status: 404,
    });
    for (const verb of [approveTransfer, rejectTransfer, shipTransfer, receiveTransfer, cancelTransfer]) {
      await expect(run((tx) => verb(tx, null, tr.id, {}))).rejects.toMatchObject({ status: 401 });
      await expect(run((tx) => verb(tx, customer, tr.id, {}))).rejects.toMatchObject({ status: 403 });
      await expect(run((tx) => verb(tx, dealer2, tr.id, { reason: "x" }))).rejects.toMatchObject({
        status: 404,
      });
      await expect(run((tx) => verb(tx, dealer, "not-a-uuid", { reason: "x" }))).rejects.toMatchObject({
        status: 404,
      });
      await expect(
        run((tx) => verb(tx, dealer, "00000000-0000-4000-8000-000000000000", { reason: "x" })),
      ).rejects.toMatchObject({ status: 404 });
    }
    await expect(getTransfer(t.db, dealer2, tr.id)).rejects.toMatchObject({ status: 404 });
    await expect(getTransfer(t.db, seller, tr.id)).rejects.toMatchObject({ status: 403 });
    expect((await listTransfers(t.db, dealer2, {})).items.map((x) => x.id)).not.toContain(tr.id);
    expect((await listTransfers(t.db, dealer, { status: "requested" })).items.map((x) => x.id)).toContain(
      tr.id,
    );
    expect((await listTransfers(t.db, marketing, {})).items.map((x) => x.id)).toContain(tr.id);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for every step that acts on another organisation's hub, and changes nothing", async () => {
    const gangnam = ids.loc("HUB-GANGNAM");
    await setStock(t.db, gangnam, ids.variant(PHONE2), 10);
    await setStock(t.db, ids.loc("HUB-JONGNO"), ids.variant(PHONE2), 10);
    // Out of dealer 1's hub into dealer 2's, requested by dealer 2.
    const h2h = await request(dealer2, "HUB-GANGNAM", "HUB-HAEUNDAE", [[PHONE2, 1]]);
    // Out of marketing's own hub into dealer 1's, requested by dealer 1.
    const fromOrgHub = await request(dealer, "HUB-JONGNO", "HUB-GANGNAM", [[PHONE2, 1]]);
    const notFound = { status: 404, code: "location.not_found" };
    let before = await snapshot();
    // The requester decides nothing about the source's stock: approve, reject and ship are the source's.
    await expect(run((tx) => approveTransfer(tx, dealer2, h2h.id, {}))).rejects.toMatchObject(notFound);
    await expect(run((tx) => rejectTransfer(tx, dealer2, h2h.id, { reason: "x" }))).rejects.toMatchObject(
      notFound,
    );
    await expect(run((tx) => approveTransfer(tx, dealer, fromOrgHub.id, {}))).rejects.toMatchObject(notFound);
    await expect(
      run((tx) => rejectTransfer(tx, dealer, fromOrgHub.id, { reason: "x" })),
    ).rejects.toMatchObject(notFound);
    // The source's operator may not act for the destination: cancel or receive there.
    await expect(run((tx) => cancelTransfer(tx, dealer, h2h.id, {}))).rejects.toMatchObject(notFound);
    expect(await snapshot()).toEqual(before);

    // Approved by each source's operator, then the other end tries to ship.
    await run((tx) => approveTransfer(tx, dealer, h2h.id, {}));
    await run((tx) => approveTransfer(tx, marketing, fromOrgHub.id, {}));
    before = await snapshot();
    await expect(run((tx) => shipTransfer(tx, dealer2, h2h.id, {}))).rejects.toMatchObject(notFound);
    await expect(run((tx) => shipTransfer(tx, dealer, fromOrgHub.id, {}))).rejects.toMatchObject(notFound);
    // Marketing sees every hub: without the right to a step it is refused (403), not told it is missing.
    await expect(run((tx) => shipTransfer(tx, marketing, h2h.id, {}))).rejects.toMatchObject({ status: 403 });
    expect(await snapshot()).toEqual(before);

    await run((tx) => shipTransfer(tx, dealer, h2h.id, {}));
    before = await snapshot();
    await expect(run((tx) => receiveTransfer(tx, dealer, h2h.id, {}))).rejects.toMatchObject(notFound);
    expect(await snapshot()).toEqual(before);
    await run((tx) => receiveTransfer(tx, dealer2, h2h.id, {}));
    await run((tx) => cancelTransfer(tx, dealer, fromOrgHub.id, {}));
  });

  it("refuses bad ends: from = to, unknown places, a warehouse source, a center destination, unknown variants (422)", async () => {
    const before = await snapshot();
    await expect(request(dealer, "HUB-GANGNAM", "HUB-GANGNAM", [[PHONE, 1]])).rejects.toBeInstanceOf(
      ZodError,
    );
    await expect(request(marketing, "WH-DIGITALPLAZA", "HUB-JONGNO", [[PHONE, 1]])).rejects.toMatchObject({
      status: 422,
      errors: { fromLocationId: expect.any(String) },
    });
    await expect(request(marketing, "HUB-JONGNO", "LC-ICHEON", [[PHONE, 1]])).rejects.toMatchObject({
      status: 422,
      errors: { toLocationId: expect.any(String) },
    });
    await expect(
      run((tx) =>
        createTransfer(tx, marketing, {
          fromLocationId: "00000000-0000-4000-8000-000000000000",
          toLocationId: ids.loc("HUB-JONGNO"),
          items: [{ variantId: "00000000-0000-4000-8000-000000000001", quantity: 1 }],
        }),
      ),
    ).rejects.toMatchObject({
      status: 422,
      errors: { fromLocationId: "No such location.", "items.0.variantId": "No such item." },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("lets the requester's organisation or marketing cancel, not the other end", async () => {
    const tr = await request(marketing, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]]);
    await expect(run((tx) => cancelTransfer(tx, dealer, tr.id, {}))).rejects.toMatchObject({ status: 403 });
    const c = await run((tx) => cancelTransfer(tx, marketing, tr.id, { reason: "ordered twice" }));
    expect(c).toMatchObject({ status: "cancelled", reason: "ordered twice" });
    const mine = await request(dealer, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]]);
    expect((await run((tx) => cancelTransfer(tx, dealer, mine.id, {}))).status).toBe("cancelled");
  });
});

describe("conflicts", () => {
  it("a repeated or out-of-order step is 409 and changes nothing", async () => {
    const lc = ids.loc("LC-DAEJEON");
    const phone = ids.variant(PHONE);
    await setStock(t.db, lc, phone, 20);
    const tr = await request(marketing, "LC-DAEJEON", "HUB-DUNSAN", [[PHONE, 3]]);
    let before = await snapshot();
    await expect(run((tx) => shipTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 409,
      code: "transfer.illegal_transition",
    });
    await expect(run((tx) => receiveTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 409,
    });
    expect(await snapshot()).toEqual(before);
    await run((tx) => approveTransfer(tx, marketing, tr.id, {}));
    before = await snapshot();
    await expect(run((tx) => approveTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 409,
    });
    await expect(run((tx) => rejectTransfer(tx, marketing, tr.id, { reason: "late" }))).rejects.toMatchObject(
      { status: 409 },
    );
    await expect(run((tx) => receiveTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 409,
    });
    expect(await snapshot()).toEqual(before);
    expect(await stockAt(t.db, lc, phone)).toEqual({ onHand: 20, reserved: 3 });
    await run((tx) => shipTransfer(tx, marketing, tr.id, {}));
    before = await snapshot();
    await expect(run((tx) => shipTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({ status: 409 });
    // In transit a cancel must decide each shipped line (lib/inventory/transfer-cancel.test.ts).
    await expect(run((tx) => cancelTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 422,
      errors: { lines: expect.any(String) },
    });
    // More than shipped, or an item not on the transfer: 422 naming the field.
    await expect(
      run((tx) => receiveTransfer(tx, marketing, tr.id, { items: [{ variantId: phone, quantity: 4 }] })),
    ).rejects.toMatchObject({
      status: 422,
      errors: { "items.0.quantity": "At most the 3 shipped." },
    });
    await expect(
      run((tx) =>
        receiveTransfer(tx, marketing, tr.id, { items: [{ variantId: ids.variant(PHONE2), quantity: 1 }] }),
      ),
    ).rejects.toMatchObject({
      status: 422,
      errors: { "items.0.variantId": expect.any(String) },
    });
    expect(await snapshot()).toEqual(before);
    await run((tx) => receiveTransfer(tx, marketing, tr.id, { items: [{ variantId: phone, quantity: 0 }] }));
    before = await snapshot();
    await expect(run((tx) => receiveTransfer(tx, marketing, tr.id, {}))).rejects.toMatchObject({
      status: 409,
    });
    expect(await snapshot()).toEqual(before);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });

  it("short stock at approval is 409 naming the variant, and nothing changes", async () => {
    const lc = ids.loc("LC-GWANGJU");
    await setStock(t.db, lc, ids.variant(PHONE), 2);
    await setStock(t.db, lc, ids.variant(PHONE2), 50);
    const tr = await request(marketing, "LC-GWANGJU", "HUB-JONGNO", [
      [PHONE, 3],
      [PHONE2, 3],
    ]);
    const before = await snapshot();
    const err = await run((tx) => approveTransfer(tx, marketing, tr.id, {})).catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 409,
      code: "transfer.insufficient_stock",
      meta: { short: [{ variantId: ids.variant(PHONE), sku: PHONE, available: 2, requested: 3 }] },
    });
    expect((err as Error).message).toContain(PHONE);
    expect(await snapshot()).toEqual(before);
    expect((await getTransfer(t.db, marketing, tr.id)).status).toBe("requested");
  });

  it("reject says why; cancel after approval releases the reservation", async () => {
    const lc = ids.loc("LC-DAEGU");
    const phone = ids.variant(PHONE);
    await setStock(t.db, lc, phone, 10);
    const a = await request(dealer2, "LC-DAEGU", "HUB-DONGSEONGNO", [[PHONE, 2]]);
    await expect(run((tx) => rejectTransfer(tx, marketing, a.id, {}))).rejects.toBeInstanceOf(ZodError);
    const rejected = await run((tx) => rejectTransfer(tx, marketing, a.id, { reason: "the hub is full" }));
    expect(rejected).toMatchObject({ status: "rejected", reason: "the hub is full" });
    expect(rejected.events.at(-1)).toMatchObject({
      fromStatus: "requested",
      toStatus: "rejected",
      reason: "the hub is full",
    });

    const b = await request(dealer2, "LC-DAEGU", "HUB-DONGSEONGNO", [[PHONE, 4]]);
    await run((tx) => approveTransfer(tx, marketing, b.id, {}));
    expect(await stockAt(t.db, lc, phone)).toEqual({ onHand: 10, reserved: 4 });
    await run((tx) => cancelTransfer(tx, dealer2, b.id, { reason: "no longer needed" }));
    expect(await stockAt(t.db, lc, phone)).toEqual({ onHand: 10, reserved: 0 });
    const moves = await t.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.refId, b.id), eq(stockMovements.kind, "transfer_release")));
    expect(moves.map((m) => m.reservedDelta)).toEqual([-4]);
    expect(await ledgerDrift(t.db)).toEqual([]);
  });
});

describe("Idempotency-Key", () => {
  it("the same key and body return the first transfer; a different body is 422", async () => {
    const first = await request(dealer, "LC-ICHEON", "HUB-BUNDANG", [[PHONE, 2]], "tr-key-1");
    const again = await run((tx) =>
      createTransfer(
        tx,
        dealer,
        {
          fromLocationId: ids.loc("LC-ICHEON"),
          toLocationId: ids.loc("HUB-BUNDANG"),
          items: [{ variantId: ids.variant(PHONE), quantity: 2 }],
        },
        { idempotencyKey: "tr-key-1" },
      ),
    );
    expect(again).toMatchObject({ replayed: true, transfer: { id: first.id } });
    const before = await snapshot();
    await expect(request(dealer, "LC-ICHEON", "HUB-BUNDANG", [[PHONE, 3]], "tr-key-1")).rejects.toMatchObject(
      { status: 422, code: "idempotency.key_reused" },
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("concurrency", () => {
  it("approvals racing customer orders on the same source rows never oversell, deadlock or drift", async () => {
    const lc = ids.loc("LC-BUSAN");
    const a = ids.variant(PHONE);
    const b = ids.variant(PHONE2);
    await setStock(t.db, lc, a, 12);
    await setStock(t.db, lc, b, 12);
    // Transfers naming both rows (in either order) and orders of either row, all at once.
    const hubs = [
      "HUB-HAEUNDAE",
      "HUB-DONGSEONGNO",
      "HUB-JONGNO",
      "HUB-INCHEON",
      "HUB-DUNSAN",
      "HUB-GANGNAM",
    ];
    const trs: Awaited<ReturnType<typeof request>>[] = [];
    for (const [i, hub] of hubs.entries()) {
      trs.push(
        await request(
          marketing,
          "LC-BUSAN",
          hub,
          i % 2
            ? [
                [PHONE, 2],
                [PHONE2, 2],
              ]
            : [
                [PHONE2, 2],
                [PHONE, 2],
              ],
        ),
      );
    }
    const customers = await Promise.all(Array.from({ length: 12 }, () => makeCustomer(t.db)));
    const payments = new FakePaymentProvider();
    const results = await Promise.allSettled([
      ...trs.map((tr) => run((tx) => approveTransfer(tx, marketing, tr.id, {}))),
      ...customers.map((c, i) =>
        placeOrder(
          t.db,
          c,
          {
            items: [{ variantId: i % 2 ? a : b, quantity: 1 }],
            sourceLocationId: lc,
            shippingAddress: address("busan"),
          },
          { payments },
        ),
      ),
    ]);
    const failures = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as { status?: number; message: string }] : [],
    );
    // Every refusal is a clean 409 (short stock), never a deadlock or another error.
    for (const f of failures) expect(f.status, f.message).toBe(409);
    expect(failures.length).toBeGreaterThan(0); // 6 × 4 + 12 > 2 × 12: someone must be refused
    const approved = (await t.db.select().from(transfers).where(eq(transfers.fromLocationId, lc))).filter(
      (x) => x.status === "approved",
    ).length;
    const ordered = results.slice(trs.length).filter((r) => r.status === "fulfilled").length;
    const levels = [await stockAt(t.db, lc, a), await stockAt(t.db, lc, b)];
    for (const l of levels) {
      expect(l.onHand).toBe(12);
      expect(l.reserved).toBeLessThanOrEqual(12);
    }
    expect(levels[0]!.reserved + levels[1]!.reserved).toBe(approved * 4 + ordered);
    expect(approved).toBeGreaterThan(0);
    expect(await ledgerDrift(t.db)).toEqual([]);
    const events = await t.db.select().from(transferEvents).where(eq(transferEvents.toStatus, "approved"));
    expect(events.filter((e) => trs.some((tr) => tr.id === e.transferId))).toHaveLength(approved);
  });
});

describe("the staff pages' helpers", () => {
  it("offers the dealer their own hubs as destinations, marketing every hub; sellers are refused", async () => {
    const dealerOpts = await transferFormOptions(t.db, dealer);
    expect(dealerOpts.destinations.map((d) => d.code).sort()).toEqual(["HUB-BUNDANG", "HUB-GANGNAM"]);
    expect(dealerOpts.sources.map((d) => d.kind)).not.toContain("seller_warehouse");
    expect(dealerOpts.sources.filter((d) => d.kind === "logistics_center")).toHaveLength(5);
    expect(dealerOpts.variants.map((v) => v.sku)).toContain(PHONE);
    expect(dealerOpts.variants.map((v) => v.sku)).not.toContain("DP-AX6E-1"); // a marketplace seller's item
    const mktOpts = await transferFormOptions(t.db, marketing);
    expect(mktOpts.destinations).toHaveLength(7);
    await expect(transferFormOptions(t.db, seller)).rejects.toMatchObject({ status: 403 });
  });

  it("runs a step by name and refuses an unknown one (422)", async () => {
    await setStock(t.db, ids.loc("LC-ICHEON"), ids.variant(PHONE), 30);
    const tr = await request(dealer, "LC-ICHEON", "HUB-GANGNAM", [[PHONE, 1]]);
    await expect(run((tx) => stepTransfer(tx, marketing, "teleport", tr.id, {}))).rejects.toMatchObject({
      status: 422,
      errors: { event: "Unknown step." },
    });
    await expect(run((tx) => stepTransfer(tx, marketing, "__proto__", tr.id, {}))).rejects.toMatchObject({
      status: 422,
    });
    expect((await run((tx) => stepTransfer(tx, marketing, "reject", tr.id, { reason: "no" }))).status).toBe(
      "rejected",
    );
  });
});

describe("concurrent receipts", () => {
  it("two receipts creating the same new rows in opposite orders neither deadlock nor drift", async () => {
    const lc = ids.loc("LC-ICHEON");
    const [x, y] = [await newRetailerVariant("TEST-NEW-X"), await newRetailerVariant("TEST-NEW-Y")];
    const line = (variantId: string, quantity: number) => ({ variantId, quantity });
    const make = (items: { variantId: string; quantity: number }[]) =>
      run((tx) =>
        createTransfer(tx, marketing, { fromLocationId: lc, toLocationId: ids.loc("HUB-INCHEON"), items }),
      ).then((r) => r.transfer);
    await setStock(t.db, lc, x, 20);
    await setStock(t.db, lc, y, 20);
    const a = await make([line(x, 2), line(y, 3)]);
    const b = await make([line(y, 1), line(x, 4)]);
    for (const tr of [a, b]) {
      await run((tx) => approveTransfer(tx, marketing, tr.id, {}));
      await run((tx) => shipTransfer(tx, marketing, tr.id, {}));
    }
    const done = await Promise.all(
      [a, b].map((tr) => run((tx) => receiveTransfer(tx, marketing, tr.id, {}))),
    );
    expect(done.map((d) => d.status)).toEqual(["received", "received"]);
    expect(await stockAt(t.db, ids.loc("HUB-INCHEON"), x)).toEqual({ onHand: 6, reserved: 0 });
    expect(await stockAt(t.db, ids.loc("HUB-INCHEON"), y)).toEqual({ onHand: 4, reserved: 0 });
  });
});
