import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { hubStock } from "@/lib/inventory/hub-stock";
import { listReceipts } from "@/lib/inventory/receipt-queries";
import { checkLedgerAfterEach, setupDemoWorld } from "@/test/demo-world";
import { makeCustomer } from "@/test/factories";
import { setStock, stockAt } from "@/test/orders-fixtures";

const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { adjustStockAction, receiveGoodsAction, setReorderPointAction } = await import("./actions");

const { t, ids, who } = setupDemoWorld();
const ROUTER = "DP-AX6E-1"; // Digital Plaza's (seller@demo.test) own product, stocked at WH-DIGITALPLAZA
beforeAll(async () => {
  who.customer = await makeCustomer(t.db);
});
checkLedgerAfterEach(t);
const as = (name: string) => {
  session.actor = name === "anonymous" ? null : who[name]!;
};

async function written() {
  const [row] = await t.db.execute(sql`select
    (select count(*)::int from stock_movements) as movements,
    (select count(*)::int from stock_receipts) as receipts,
    (select count(*)::int from audit_log) as audits,
    (select string_agg(location_id::text || variant_id::text || reorder_point, ',' order by location_id, variant_id) from reorder_points) as points,
    (select string_agg(location_id::text || variant_id::text || on_hand || '/' || reserved, ',' order by location_id, variant_id) from stock_levels) as levels`);
  return row;
}

describe("the warehouse stock server actions", () => {
  it("receive goods at the seller's own warehouse; bad lines are named and nothing is written", async () => {
    const wh = ids.loc("WH-DIGITALPLAZA");
    const router = ids.variant(ROUTER);
    const before = await stockAt(t.db, wh, router);
    as("seller");
    expect(
      await receiveGoodsAction(wh, {
        items: [{ variantId: router, quantity: 12 }],
        reference: "PO-2026-0312",
      }),
    ).toEqual({
      ok: true,
      data: { id: expect.any(String), units: 12 },
    });
    expect((await stockAt(t.db, wh, router)).onHand).toBe(before.onHand + 12);

    const still = await written();
    expect(
      await receiveGoodsAction(wh, { items: [{ variantId: router, quantity: 0 }], reference: "PO" }),
    ).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { "items.0.quantity": expect.any(String) },
    });
    expect(
      await receiveGoodsAction(wh, { items: [{ variantId: router, quantity: 1 }], reference: " " }),
    ).toMatchObject({ ok: false, errors: { reference: expect.any(String) } });
    expect(
      await receiveGoodsAction(wh, {
        items: [{ variantId: ids.variant("SM-S931N-1-1"), quantity: 1 }],
        reference: "PO",
      }),
    ).toMatchObject({
      ok: false,
      errors: { "items.0.variantId": expect.any(String) },
    });
    expect(await receiveGoodsAction(wh, { items: [] })).toMatchObject({
      ok: false,
      code: "validation.invalid",
    });
    expect(await written()).toEqual(still);
  });

  it("correct a count that is still what was shown; a stale one says the new figures and writes nothing", async () => {
    const wh = ids.loc("WH-DIGITALPLAZA");
    const router = ids.variant(ROUTER);
    await setStock(t.db, wh, router, 20);
    as("seller");
    expect(
      await adjustStockAction(wh, { variantId: router, expectedOnHand: 20, onHand: 18, reason: "월말 실사" }),
    ).toEqual({
      ok: true,
      data: { variantId: router, onHand: 18, reserved: 0, available: 18 },
    });
    const before = await written();
    // Shown 20, but it is 18 now: refused with the figure to retry from.
    expect(
      await adjustStockAction(wh, { variantId: router, expectedOnHand: 20, onHand: 17, reason: "다시 셈" }),
    ).toMatchObject({
      ok: false,
      code: "stock.stale",
      meta: { onHand: 18, reserved: 0 },
    });
    expect(
      await adjustStockAction(wh, { variantId: router, expectedOnHand: 18, onHand: -1, reason: "x" }),
    ).toMatchObject({ ok: false, errors: { onHand: expect.any(String) } });
    expect(
      await adjustStockAction(wh, { variantId: router, expectedOnHand: 18, onHand: 17, reason: "" }),
    ).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });
    expect(
      await adjustStockAction(wh, { variantId: router, expectedOnHand: 18, onHand: "열일곱", reason: "x" }),
    ).toMatchObject({ ok: false, errors: { onHand: expect.any(String) } });
    expect(await written()).toEqual(before);
    expect(
      await adjustStockAction(wh, { variantId: router, expectedOnHand: 18, onHand: 17, reason: "다시 셈" }),
    ).toMatchObject({ ok: true, data: { onHand: 17 } });
  });

  it("refuse the anonymous, customers, dealers and another seller, writing nothing", async () => {
    const wh = ids.loc("WH-DIGITALPLAZA");
    const router = ids.variant(ROUTER);
    const { onHand } = await stockAt(t.db, wh, router);
    const before = await written();
    for (const [name, code] of [
      ["anonymous", "auth.unauthenticated"],
      ["customer", "auth.forbidden"],
      ["dealer", "location.not_found"],
      ["seller2", "location.not_found"],
    ] as const) {
      as(name);
      expect(
        await receiveGoodsAction(wh, { items: [{ variantId: router, quantity: 1 }], reference: "PO" }),
      ).toMatchObject({ ok: false, code });
      expect(
        await adjustStockAction(wh, {
          variantId: router,
          expectedOnHand: onHand,
          onHand: onHand + 1,
          reason: "x",
        }),
      ).toMatchObject({ ok: false, code });
    }
    as("seller");
    expect(
      await receiveGoodsAction("not-a-location", {
        items: [{ variantId: router, quantity: 1 }],
        reference: "PO",
      }),
    ).toMatchObject({ ok: false, code: "location.not_found" });
    expect(await written()).toEqual(before);
  });
});

describe("the hub stock page's reorder points", () => {
  const PHONE = "SM-S931N-1-1"; // the retailer's own phone, stocked at every hub

  it("a dealer sets one for its hub; the hub's stock flags the variant low and prefills the top-up from its region's center", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    await setStock(t.db, hub, phone, 4);
    as("dealer");
    expect(await setReorderPointAction(hub, { variantId: phone, reorderPoint: 10 })).toEqual({
      ok: true,
      data: { locationId: hub, variantId: phone, reorderPoint: 10 },
    });
    const page = await hubStock(t.db, who.dealer!, hub, { low: "1" });
    expect(page.items).toEqual([
      expect.objectContaining({ variantId: phone, available: 4, reorderPoint: 10, low: true }),
    ]);
    expect(page.lowCount).toBe(1);
    expect(page.replenishment).toEqual({
      fromLocationId: ids.loc("LC-ICHEON"),
      items: [{ variantId: phone, quantity: 6 }],
    });
    // Changing it replaces it (one row), and the audit says before and after.
    expect(await setReorderPointAction(hub, { variantId: phone, reorderPoint: 3 })).toMatchObject({
      ok: true,
    });
    const [audit] = await t.db.execute(
      sql`select detail from audit_log where action = 'stock.set_reorder_point' order by at desc limit 1`,
    );
    expect(audit!.detail).toMatchObject({ variantId: phone, reorderPointBefore: 10, reorderPointAfter: 3 });
    expect((await hubStock(t.db, who.dealer!, hub, {})).lowCount).toBe(0);
    // A Busan hub tops up from the Busan center.
    expect(
      (await hubStock(t.db, who.dealer2!, ids.loc("HUB-HAEUNDAE"), {})).replenishment.fromLocationId,
    ).toBe(ids.loc("LC-BUSAN"));
  });

  it("bad input is named and writes nothing", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    as("dealer");
    const before = await written();
    for (const [input, field] of [
      [{ variantId: phone, reorderPoint: -1 }, "reorderPoint"],
      [{ variantId: phone, reorderPoint: 1001 }, "reorderPoint"],
      [{ variantId: phone, reorderPoint: 2.5 }, "reorderPoint"],
      [{ variantId: phone, reorderPoint: "열" }, "reorderPoint"],
      [{ variantId: "x", reorderPoint: 5 }, "variantId"],
      [{ variantId: ids.variant(ROUTER), reorderPoint: 5 }, "variantId"], // a marketplace item is not stocked at hubs
      [{ variantId: phone, reorderPoint: 5, extra: 1 }, "extra"],
    ] as const) {
      expect(await setReorderPointAction(hub, input)).toMatchObject({
        ok: false,
        errors: { [field]: expect.any(String) },
      });
    }
    expect(await written()).toEqual(before);
  });

  it("refuse the anonymous, customers, sellers and another dealer, writing nothing", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    const before = await written();
    for (const [name, code] of [
      ["anonymous", "auth.unauthenticated"],
      ["customer", "auth.forbidden"],
      ["seller", "location.not_found"],
      ["dealer2", "location.not_found"],
      ["marketing", "location.not_found"], // a dealer's hub is the dealer's to run
    ] as const) {
      as(name);
      expect(await setReorderPointAction(hub, { variantId: phone, reorderPoint: 7 })).toMatchObject({
        ok: false,
        code,
      });
    }
    as("dealer");
    expect(
      await setReorderPointAction("not-a-location", { variantId: phone, reorderPoint: 7 }),
    ).toMatchObject({
      ok: false,
      code: "location.not_found",
    });
    await expect(hubStock(t.db, who.dealer2!, hub, {})).rejects.toMatchObject({ code: "location.not_found" });
    expect(await written()).toEqual(before);
  });
});

describe("goods receipts at the logistics centers", () => {
  const PHONE = "SM-S931N-1-1";

  it("marketing books one at a center; it is listed with its lines, newest first", async () => {
    const lc = ids.loc("LC-ICHEON");
    const phone = ids.variant(PHONE);
    const before = await stockAt(t.db, lc, phone);
    as("marketing");
    expect(
      await receiveGoodsAction(lc, { items: [{ variantId: phone, quantity: 40 }], reference: "SUP-2026-77" }),
    ).toMatchObject({
      ok: true,
      data: { units: 40 },
    });
    expect((await stockAt(t.db, lc, phone)).onHand).toBe(before.onHand + 40);
    const list = await listReceipts(t.db, who.marketing!, lc, {});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      reference: "SUP-2026-77",
      lines: 1,
      units: 40,
      items: [{ variantId: phone, sku: PHONE, quantity: 40 }],
    });
    await expect(listReceipts(t.db, who.dealer!, lc, {})).rejects.toMatchObject({
      code: "location.not_found",
    });
  });

  it("refuse bad lines, a hub, and everyone but marketing, writing nothing", async () => {
    const lc = ids.loc("LC-ICHEON");
    const phone = ids.variant(PHONE);
    const before = await written();
    as("marketing");
    expect(
      await receiveGoodsAction(lc, { items: [{ variantId: phone, quantity: 100_001 }], reference: "SUP" }),
    ).toMatchObject({
      ok: false,
      errors: { "items.0.quantity": expect.any(String) },
    });
    expect(
      await receiveGoodsAction(lc, {
        items: [
          { variantId: phone, quantity: 1 },
          { variantId: phone, quantity: 2 },
        ],
        reference: "SUP",
      }),
    ).toMatchObject({ ok: false, errors: { "items.1.variantId": expect.any(String) } });
    expect(
      await receiveGoodsAction(ids.loc("HUB-JONGNO"), {
        items: [{ variantId: phone, quantity: 1 }],
        reference: "SUP",
      }),
    ).toMatchObject({
      ok: false,
      code: "stock.receipt_not_here",
    });
    for (const [name, code] of [
      ["anonymous", "auth.unauthenticated"],
      ["customer", "auth.forbidden"],
      ["dealer", "location.not_found"],
      ["seller", "location.not_found"],
    ] as const) {
      as(name);
      expect(
        await receiveGoodsAction(lc, { items: [{ variantId: phone, quantity: 1 }], reference: "SUP" }),
      ).toMatchObject({ ok: false, code });
    }
    expect(await written()).toEqual(before);
  });
});
