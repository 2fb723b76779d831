import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { stockMovements, transferItems } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { ZodError } from "zod";
import { zodFieldErrors } from "@/lib/validation";
import { auditProbe } from "@/test/audit";
import { setupTestDb } from "@/test/db";
import { checkLedgerAfterEach } from "@/test/demo-world";
import { seedDemo } from "@/test/factories";
import { demoIds, demoWorld, setStock, stockAt } from "@/test/orders-fixtures";
import { approveTransfer, cancelTransfer, receiveTransfer, shipTransfer } from "./advance-transfer";
import { createTransfer } from "./create-transfer";
import { getTransfer } from "./transfer-queries";

/** Cancelling a transfer in transit: each shipped line returned to the source or written off. */
const t = setupTestDb();
const { rowsWritten } = auditProbe(() => t.db);
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let ids: Awaited<ReturnType<typeof demoIds>>;
let dealer: UserActor, dealer2: UserActor, marketing: UserActor, seller: UserActor, customer: UserActor;
const A = "SM-S931N-1-1";
const B = "SM-S931N-1-2";

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, dealer, dealer2, marketing, seller, customer } = await demoWorld(t.db));
});

checkLedgerAfterEach(t);

async function snapshot() {
  const [row] = await t.db.execute(sql`select
    (select count(*)::int from transfer_events) as events,
    (select count(*)::int from stock_movements) as movements,
    (select count(*)::int from audit_log) as audit,
    (select coalesce(sum(on_hand), 0)::int from stock_levels) as on_hand,
    (select coalesce(sum(reserved), 0)::int from stock_levels) as reserved,
    (select string_agg(transfer_id::text || coalesce(disposition, '-'), ',' order by transfer_id, variant_id) from transfer_items) as dispositions,
    (select string_agg(id::text || status::text, ',' order by id) from transfers) as statuses`);
  return row;
}

/** A transfer shipped from `from` to `to` (requested by `by`, approved and shipped by the source's side). */
async function inTransit(
  from: string,
  to: string,
  items: [string, number][],
  by: UserActor,
  sourceOperator: UserActor,
) {
  const tr = await run((tx) =>
    createTransfer(tx, by, {
      fromLocationId: ids.loc(from),
      toLocationId: ids.loc(to),
      items: items.map(([sku, quantity]) => ({ variantId: ids.variant(sku), quantity })),
    }),
  ).then((r) => r.transfer);
  await run((tx) => approveTransfer(tx, sourceOperator, tr.id, {}));
  await run((tx) => shipTransfer(tx, sourceOperator, tr.id, {}));
  return tr.id;
}

const ret = (sku: string, reason?: string) => ({
  variantId: ids.variant(sku),
  disposition: "return" as const,
  ...(reason ? { reason } : {}),
});
const off = (sku: string, reason?: string) => ({
  variantId: ids.variant(sku),
  disposition: "write_off" as const,
  ...(reason !== undefined ? { reason } : {}),
});

describe("cancelling a transfer in transit", () => {
  it("returns one line to the source's on hand and writes the other off, with the ledger and one audit row", async () => {
    const lc = ids.loc("LC-ICHEON");
    await setStock(t.db, lc, ids.variant(A), 30);
    await setStock(t.db, lc, ids.variant(B), 30);
    const id = await inTransit(
      "LC-ICHEON",
      "HUB-GANGNAM",
      [
        [A, 4],
        [B, 3],
      ],
      dealer,
      marketing,
    );
    expect(await stockAt(t.db, lc, ids.variant(A))).toEqual({ onHand: 26, reserved: 0 });
    expect((await getTransfer(t.db, marketing, id)).actions).toEqual(["cancel"]);
    // The destination's dealer receives, and may not cancel in transit.
    expect((await getTransfer(t.db, dealer, id)).actions).toEqual(["receive"]);

    const rows = await rowsWritten(async () => {
      const done = await run((tx) =>
        cancelTransfer(tx, marketing, id, {
          lines: [ret(A), off(B, "fell off the truck")],
          reason: "the hub closed for works",
        }),
      );
      expect(done.status).toBe("cancelled");
      expect(done.items).toEqual([
        expect.objectContaining({
          sku: A,
          shipped: 4,
          received: 0,
          disposition: "return",
          dispositionReason: null,
        }),
        expect.objectContaining({
          sku: B,
          shipped: 3,
          received: 0,
          disposition: "write_off",
          dispositionReason: "fell off the truck",
        }),
      ]);
      expect(done.reason).toBe(
        `returned: ${A} 4; written off: ${B} 3 (fell off the truck); the hub closed for works`,
      );
      expect(done.events.at(-1)).toMatchObject({ fromStatus: "in_transit", toStatus: "cancelled" });
      expect(done.actions).toEqual([]);
    });
    // The returned line is back at the source; the written-off one stays gone; the hub got nothing.
    expect(await stockAt(t.db, lc, ids.variant(A))).toEqual({ onHand: 30, reserved: 0 });
    expect(await stockAt(t.db, lc, ids.variant(B))).toEqual({ onHand: 27, reserved: 0 });
    const moves = await t.db
      .select({
        kind: stockMovements.kind,
        loc: stockMovements.locationId,
        variant: stockMovements.variantId,
        oh: stockMovements.onHandDelta,
        rs: stockMovements.reservedDelta,
        note: stockMovements.note,
        actor: stockMovements.actorUserId,
      })
      .from(stockMovements)
      .where(and(eq(stockMovements.refType, "transfer"), eq(stockMovements.refId, id)))
      .orderBy(asc(stockMovements.id));
    expect(moves.slice(-2).sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
      {
        kind: "transfer_return",
        loc: lc,
        variant: ids.variant(A),
        oh: 4,
        rs: 0,
        note: null,
        actor: marketing.id,
      },
      {
        kind: "write_off",
        loc: lc,
        variant: ids.variant(B),
        oh: 0,
        rs: 0,
        note: "fell off the truck",
        actor: marketing.id,
      },
    ]);
    expect(rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId])).toEqual([
      [marketing.id, "transfer.cancel", "transfer", id],
    ]);
    expect(rows[0]!.detail).toMatchObject({
      from: "in_transit",
      to: "cancelled",
      lines: [
        { variantId: ids.variant(A), sku: A, quantity: 4, disposition: "return" },
        {
          variantId: ids.variant(B),
          sku: B,
          quantity: 3,
          disposition: "write_off",
          reason: "fell off the truck",
        },
      ],
    });
  });

  it("lets the source hub's dealer cancel a hub-to-hub transfer; the destination's dealer gets 404, others 403/401", async () => {
    const gangnam = ids.loc("HUB-GANGNAM");
    await setStock(t.db, gangnam, ids.variant(A), 10);
    // Out of dealer 1's hub into dealer 2's, requested by dealer 2.
    const id = await inTransit("HUB-GANGNAM", "HUB-HAEUNDAE", [[A, 2]], dealer2, dealer);
    const body = { lines: [ret(A)] };
    const before = await snapshot();
    // The destination's dealer (the requester) does not run the source: another organisation's hub.
    await expect(run((tx) => cancelTransfer(tx, dealer2, id, body))).rejects.toMatchObject({
      status: 404,
      code: "location.not_found",
    });
    // Customers and sellers: 403; anonymous: 401.
    await expect(run((tx) => cancelTransfer(tx, customer, id, body))).rejects.toMatchObject({ status: 403 });
    await expect(run((tx) => cancelTransfer(tx, seller, id, body))).rejects.toMatchObject({ status: 403 });
    await expect(run((tx) => cancelTransfer(tx, null, id, body))).rejects.toMatchObject({ status: 401 });
    expect(await snapshot()).toEqual(before);
    const done = await run((tx) => cancelTransfer(tx, dealer, id, body));
    expect(done.status).toBe("cancelled");
    expect(await stockAt(t.db, gangnam, ids.variant(A))).toEqual({ onHand: 10, reserved: 0 });
    expect(await stockAt(t.db, ids.loc("HUB-HAEUNDAE"), ids.variant(A))).toMatchObject({ reserved: 0 });
  });

  it("refuses the destination's dealer of a replenishment (403) and another organisation's dealer (404)", async () => {
    await setStock(t.db, ids.loc("LC-DAEJEON"), ids.variant(A), 10);
    const id = await inTransit("LC-DAEJEON", "HUB-GANGNAM", [[A, 2]], dealer, marketing);
    const before = await snapshot();
    await expect(run((tx) => cancelTransfer(tx, dealer, id, { lines: [ret(A)] }))).rejects.toMatchObject({
      status: 403,
      code: "transfer.not_allowed",
    });
    await expect(run((tx) => cancelTransfer(tx, dealer2, id, { lines: [ret(A)] }))).rejects.toMatchObject({
      status: 404,
    });
    expect(await snapshot()).toEqual(before);
    expect((await run((tx) => cancelTransfer(tx, marketing, id, { lines: [off(A, "lost")] }))).status).toBe(
      "cancelled",
    );
    expect(await stockAt(t.db, ids.loc("LC-DAEJEON"), ids.variant(A))).toEqual({ onHand: 8, reserved: 0 });
  });

  it("needs exactly one decision per shipped line (422 naming it) and a reason to write off; nothing written", async () => {
    await setStock(t.db, ids.loc("LC-GWANGJU"), ids.variant(A), 10);
    await setStock(t.db, ids.loc("LC-GWANGJU"), ids.variant(B), 10);
    const id = await inTransit(
      "LC-GWANGJU",
      "HUB-JONGNO",
      [
        [A, 1],
        [B, 2],
      ],
      marketing,
      marketing,
    );
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [{}, "lines"],
      [{ reason: "x" }, "lines"],
      [{ lines: [] }, "lines"],
      [{ lines: [ret(A)] }, "lines"],
      [{ lines: [ret(A), off(B)] }, "lines.1.reason"],
      [{ lines: [ret(A), off(B, "  ")] }, "lines.1.reason"],
      [{ lines: [ret(A), ret(B), ret(A)] }, "lines.2.variantId"],
      [{ lines: [ret(A), ret(B), ret("SM-S931N-2-1")] }, "lines.2.variantId"],
      [{ lines: [ret(A), { variantId: ids.variant(B), disposition: "keep" }] }, "lines.1.disposition"],
      [{ lines: [ret(A), { variantId: ids.variant(B) }] }, "lines.1.disposition"],
      [{ lines: [ret(A), { ...ret(B), quantity: 2 }] }, "lines.1.quantity"],
      [{ lines: [ret(A), { variantId: "nope", disposition: "return" }] }, "lines.1.variantId"],
      [{ lines: "all" }, "lines"],
      [{ lines: [ret(A), ret(B)], extra: 1 }, "extra"],
    ];
    for (const [body, field] of cases) {
      const err = await run((tx) => cancelTransfer(tx, marketing, id, body)).catch((e: unknown) => e);
      const errors = err instanceof ZodError ? zodFieldErrors(err) : (err as { errors?: object }).errors;
      expect(Object.keys(errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    const missing = await run((tx) => cancelTransfer(tx, marketing, id, { lines: [ret(A)] })).catch(
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({ status: 422, errors: { lines: expect.stringContaining(B) } });
    expect(await snapshot()).toEqual(before);
  });

  it("is 409 once cancelled or received, and a retry (even at once) moves nothing twice", async () => {
    const lc = ids.loc("LC-DAEGU");
    await setStock(t.db, lc, ids.variant(A), 10);
    const id = await inTransit("LC-DAEGU", "HUB-DONGSEONGNO", [[A, 5]], dealer2, marketing);
    const body = { lines: [ret(A)] };
    const both = await Promise.allSettled([
      run((tx) => cancelTransfer(tx, marketing, id, body)),
      run((tx) => cancelTransfer(tx, marketing, id, body)),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({
      reason: { status: 409, code: "transfer.illegal_transition" },
    });
    expect(await stockAt(t.db, lc, ids.variant(A))).toEqual({ onHand: 10, reserved: 0 });
    const returns = await t.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.refId, id), eq(stockMovements.kind, "transfer_return")));
    expect(returns).toHaveLength(1);
    const before = await snapshot();
    await expect(run((tx) => cancelTransfer(tx, marketing, id, body))).rejects.toMatchObject({ status: 409 });
    await expect(run((tx) => receiveTransfer(tx, dealer2, id, {}))).rejects.toMatchObject({ status: 409 });
    expect(await snapshot()).toEqual(before);

    // Received first: cancelling it is 409 too.
    const id2 = await inTransit("LC-DAEGU", "HUB-DONGSEONGNO", [[A, 1]], dealer2, marketing);
    await run((tx) => receiveTransfer(tx, dealer2, id2, {}));
    const mid = await snapshot();
    await expect(run((tx) => cancelTransfer(tx, marketing, id2, body))).rejects.toMatchObject({
      status: 409,
    });
    expect(await snapshot()).toEqual(mid);
  });

  it("a cancel racing the receipt: exactly one of them happens", async () => {
    const lc = ids.loc("LC-BUSAN");
    await setStock(t.db, lc, ids.variant(A), 10);
    const id = await inTransit("LC-BUSAN", "HUB-HAEUNDAE", [[A, 3]], dealer2, marketing);
    const [c, r] = await Promise.allSettled([
      run((tx) => cancelTransfer(tx, marketing, id, { lines: [ret(A)] })),
      run((tx) => receiveTransfer(tx, dealer2, id, {})),
    ]);
    expect([c.status, r.status].sort()).toEqual(["fulfilled", "rejected"]);
    const atSource = await stockAt(t.db, lc, ids.variant(A));
    const atHub = await stockAt(t.db, ids.loc("HUB-HAEUNDAE"), ids.variant(A));
    const [line] = await t.db.select().from(transferItems).where(eq(transferItems.transferId, id));
    if (c.status === "fulfilled") {
      expect(atSource.onHand).toBe(10);
      expect(line).toMatchObject({ received: 0, disposition: "return" });
    } else {
      expect(atSource.onHand).toBe(7);
      expect(atHub.onHand).toBeGreaterThanOrEqual(3);
      expect(line).toMatchObject({ received: 3, disposition: null });
    }
  });

  it("before shipping, cancel keeps working as before and refuses lines (422)", async () => {
    await setStock(t.db, ids.loc("LC-ICHEON"), ids.variant(A), 30);
    const tr = await run((tx) =>
      createTransfer(tx, dealer, {
        fromLocationId: ids.loc("LC-ICHEON"),
        toLocationId: ids.loc("HUB-BUNDANG"),
        items: [{ variantId: ids.variant(A), quantity: 2 }],
      }),
    ).then((r) => r.transfer);
    await run((tx) => approveTransfer(tx, marketing, tr.id, {}));
    const before = await snapshot();
    await expect(run((tx) => cancelTransfer(tx, dealer, tr.id, { lines: [ret(A)] }))).rejects.toMatchObject({
      status: 422,
      errors: { lines: expect.any(String) },
    });
    expect(await snapshot()).toEqual(before);
    const done = await run((tx) => cancelTransfer(tx, dealer, tr.id, { reason: "not needed" }));
    expect(done).toMatchObject({ status: "cancelled", reason: "not needed" });
    expect(done.items[0]).toMatchObject({ disposition: null });
  });
});
