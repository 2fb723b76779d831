import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { checkLedgerAfterEach, setupDemoWorld } from "@/test/demo-world";
import { makeCustomer } from "@/test/factories";
import { call } from "@/test/http";
import { setStock, stockAt } from "@/test/orders-fixtures";
import { POST as adjust } from "./adjustments/route";
import { POST as receive } from "./receipts/route";

const { t, ids, who } = setupDemoWorld();
const PHONE = "SM-S931N-1-1";
const ROUTER = "DP-AX6E-1"; // Digital Plaza's (seller@demo.test) own product

beforeAll(async () => {
  who.customer = await makeCustomer(t.db);
});
checkLedgerAfterEach(t);

async function snapshot() {
  const [row] = await t.db.execute(sql`select
    (select count(*)::int from stock_movements) as movements,
    (select count(*)::int from stock_receipts) as receipts,
    (select string_agg(location_id::text || variant_id::text || on_hand || '/' || reserved, ',' order by location_id, variant_id) from stock_levels) as levels`);
  return row;
}

describe("POST /api/locations/{id}/receipts", () => {
  it("books a supplier's delivery at a logistics center: on hand rises, one receipt ledger row per line", async () => {
    const center = ids.loc("LC-DAEJEON");
    const before = await stockAt(t.db, center, ids.variant(PHONE));
    const res = await call(receive, {
      as: who.marketing,
      params: { id: center },
      body: {
        items: [
          { variantId: ids.variant(PHONE), quantity: 40 },
          { variantId: ids.variant("SM-S931N-1-2"), quantity: 5 },
        ],
        reference: "SEC-DN-2026-1201",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      items: [{ quantity: 40 }, { quantity: 5 }],
      reference: "SEC-DN-2026-1201",
    });
    expect((await stockAt(t.db, center, ids.variant(PHONE))).onHand).toBe(before.onHand + 40);
    const rows = await t.db.execute(
      sql`select kind, on_hand_delta, actor_user_id, note from stock_movements where ref_type = 'receipt' and ref_id = ${res.body.id} order by on_hand_delta`,
    );
    expect(rows).toEqual([
      { kind: "receipt", on_hand_delta: 5, actor_user_id: who.marketing!.id, note: "SEC-DN-2026-1201" },
      { kind: "receipt", on_hand_delta: 40, actor_user_id: who.marketing!.id, note: "SEC-DN-2026-1201" },
    ]);
  });

  it("lets a seller receive its own products at its warehouse, creating the level on first delivery", async () => {
    const wh = ids.loc("WH-DIGITALPLAZA");
    const res = await call(receive, {
      as: who.seller,
      params: { id: wh },
      body: { items: [{ variantId: ids.variant(ROUTER), quantity: 7 }], reference: "PO-77" },
    });
    expect(res.status).toBe(201);
  });

  it("refuses others and bad input with a clear 4xx, writing nothing", async () => {
    const before = await snapshot();
    const item = [{ variantId: ids.variant(PHONE), quantity: 1 }];
    const at = (code: string) => ({ id: ids.loc(code) });
    const cases: [UserActor | null, { id: string }, unknown, number, string?][] = [
      [null, at("LC-ICHEON"), { items: item, reference: "x" }, 401],
      [who.customer!, at("LC-ICHEON"), { items: item, reference: "x" }, 403],
      [who.dealer!, at("LC-ICHEON"), { items: item, reference: "x" }, 404], // not theirs: as if it did not exist
      [who.dealer!, at("HUB-GANGNAM"), { items: item, reference: "x" }, 403], // their hub: stocked by transfers
      [who.seller2!, at("WH-DIGITALPLAZA"), { items: item, reference: "x" }, 404],
      [who.seller!, at("WH-DIGITALPLAZA"), { items: item, reference: "x" }, 422, "items.0.variantId"], // the retailer's phone
      [
        who.marketing!,
        at("LC-ICHEON"),
        { items: [{ variantId: ids.variant(ROUTER), quantity: 1 }], reference: "x" },
        422,
        "items.0.variantId",
      ],
      [who.marketing!, at("LC-ICHEON"), { items: [], reference: "x" }, 422, "items"],
      [
        who.marketing!,
        at("LC-ICHEON"),
        { items: [{ variantId: ids.variant(PHONE), quantity: 0 }], reference: "x" },
        422,
        "items.0.quantity",
      ],
      [
        who.marketing!,
        at("LC-ICHEON"),
        { items: [...item, ...item], reference: "x" },
        422,
        "items.1.variantId",
      ],
      [who.marketing!, at("LC-ICHEON"), { items: item }, 422, "reference"],
      [who.marketing!, at("LC-ICHEON"), { items: item, reference: "x", extra: 1 }, 422, "extra"],
      [who.marketing!, { id: "nope" }, { items: item, reference: "x" }, 404],
    ];
    for (const [as, params, body, status, field] of cases) {
      const res = await call(receive, { as, params, body });
      expect([status, field, res.status]).toEqual([status, field, res.status === status ? status : res.body]);
      if (field) expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/locations/{id}/adjustments (count corrections)", () => {
  it("sets on hand only if it is still what the counter expected; a stale count is 409 with the new figure", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    await setStock(t.db, hub, phone, 10);
    const ok = await call(adjust, {
      as: who.dealer,
      params: { id: hub },
      body: { variantId: phone, expectedOnHand: 10, onHand: 8, reason: "파손 2대" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ variantId: phone, onHand: 8, reserved: 0, available: 8 });
    const [row] = await t.db.execute(
      sql`select kind, on_hand_delta, note from stock_movements where location_id = ${hub} and variant_id = ${phone} order by id desc limit 1`,
    );
    expect(row).toEqual({ kind: "adjustment", on_hand_delta: -2, note: "파손 2대" });

    const before = await snapshot();
    const stale = await call(adjust, {
      as: who.dealer,
      params: { id: hub },
      body: { variantId: phone, expectedOnHand: 10, onHand: 12, reason: "재고 조사" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "stock.stale", onHand: 8, reserved: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("of two counts at once on one row exactly one wins; the other sees the new figure", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant("SM-S931N-1-2");
    await setStock(t.db, hub, phone, 20);
    for (let round = 0; round < 5; round++) {
      const { onHand } = await stockAt(t.db, hub, phone);
      const results = await Promise.all(
        [onHand + 1, onHand + 2, onHand - 1, onHand - 2, onHand + 3, onHand + 4].map((n) =>
          call(adjust, {
            as: who.dealer,
            params: { id: hub },
            body: { variantId: phone, expectedOnHand: onHand, onHand: n, reason: `count ${n}` },
          }),
        ),
      );
      const won = results.filter((r) => r.status === 200);
      expect(won).toHaveLength(1);
      expect(
        results
          .filter((r) => r.status === 409)
          .every((r) => r.body.code === "stock.stale" && r.body.onHand === won[0]!.body.onHand),
      ).toBe(true);
      expect((await stockAt(t.db, hub, phone)).onHand).toBe(won[0]!.body.onHand);
    }
  });

  it("never goes below what is reserved, and refuses others and bad input", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    await setStock(t.db, hub, phone, 10);
    await t.db.execute(
      sql`update stock_levels set reserved = 4 where location_id = ${hub} and variant_id = ${phone}`,
    );
    await t.db.execute(
      sql`insert into stock_movements (location_id, variant_id, kind, reserved_delta, ref_type, ref_id) values (${hub}, ${phone}, 'order_reserve', 4, 'test', 'x')`,
    );
    const before = await snapshot();
    const below = await call(adjust, {
      as: who.dealer,
      params: { id: hub },
      body: { variantId: phone, expectedOnHand: 10, onHand: 3, reason: "분실" },
    });
    expect(below.status).toBe(409);
    expect(below.body.code).toBe("stock.below_reserved");
    const body = { variantId: phone, expectedOnHand: 10, onHand: 9, reason: "x" };
    expect((await call(adjust, { as: null, params: { id: hub }, body })).status).toBe(401);
    expect((await call(adjust, { as: who.customer, params: { id: hub }, body })).status).toBe(403);
    expect((await call(adjust, { as: who.dealer2, params: { id: hub }, body })).status).toBe(404);
    expect((await call(adjust, { as: who.marketing, params: { id: hub }, body })).status).toBe(404); // a dealer's hub is the dealer's to count
    expect((await call(adjust, { as: who.seller, params: { id: hub }, body })).status).toBe(404);
    for (const [bad, field] of [
      [{ ...body, onHand: -1 }, "onHand"],
      [{ ...body, expectedOnHand: 1.5 }, "expectedOnHand"],
      [{ ...body, reason: " " }, "reason"],
      [{ ...body, variantId: "x" }, "variantId"],
      [{ ...body, variantId: ids.variant(ROUTER) }, "variantId"],
    ] as const) {
      const res = await call(adjust, { as: who.dealer, params: { id: hub }, body: bad });
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("the ledger in view", () => {
  it("GET /api/locations/{id}/movements: newest first, who, what document, why; filter by variant; operator and marketing only", async () => {
    const { GET: movements } = await import("./movements/route");
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    const { onHand } = await stockAt(t.db, hub, phone);
    await call(adjust, {
      as: who.dealer,
      params: { id: hub },
      body: { variantId: phone, expectedOnHand: onHand, onHand: onHand + 3, reason: "재고 조사 +3" },
    });
    const res = await call(movements, {
      as: who.dealer,
      params: { id: hub },
      url: `/api/locations/${hub}/movements?variantId=${phone}&pageSize=5`,
    });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      kind: "adjustment",
      onHandDelta: 3,
      reservedDelta: 0,
      refType: "adjustment",
      actorId: who.dealer!.id,
      note: "재고 조사 +3",
      sku: PHONE,
      at: expect.any(String),
    });
    expect(res.body.items.every((m: { variantId: string }) => m.variantId === phone)).toBe(true);
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.items.length);
    expect((await call(movements, { as: who.marketing, params: { id: hub } })).status).toBe(200);
    expect((await call(movements, { as: who.dealer2, params: { id: hub } })).status).toBe(404);
    expect((await call(movements, { as: who.customer, params: { id: hub } })).status).toBe(403);
    expect((await call(movements, { as: null, params: { id: hub } })).status).toBe(401);
    expect(
      (
        await call(movements, {
          as: who.dealer,
          params: { id: hub },
          url: `/api/locations/${hub}/movements?page=0`,
        })
      ).status,
    ).toBe(422);
  });

  it("GET /api/ledger/check: every level against the ledger, with any drift listed (marketing only)", async () => {
    const { GET: check } = await import("../../ledger/check/route");
    const ok = await call(check, { as: who.marketing });
    expect(ok.status).toBe(200);
    expect(ok.body.levels).toBeGreaterThan(0);
    expect(ok.body.drift).toEqual([]);
    expect((await call(check, { as: who.dealer })).status).toBe(403);
    expect((await call(check, { as: null })).status).toBe(401);
    // A level changed behind the ledger's back is found.
    const hub = ids.loc("HUB-GANGNAM");
    const phone = ids.variant(PHONE);
    await t.db.execute(
      sql`update stock_levels set on_hand = on_hand + 1 where location_id = ${hub} and variant_id = ${phone}`,
    );
    const drift = await call(check, { as: who.marketing });
    expect(drift.body.drift).toEqual([
      {
        locationId: hub,
        variantId: phone,
        sku: PHONE,
        onHand: expect.any(Number),
        reserved: expect.any(Number),
        ledgerOnHand: expect.any(Number),
        ledgerReserved: expect.any(Number),
      },
    ]);
    expect(drift.body.drift[0].onHand).toBe(drift.body.drift[0].ledgerOnHand + 1);
    expect(drift.body.drift[0].reserved).toBe(drift.body.drift[0].ledgerReserved);
    await t.db.execute(
      sql`update stock_levels set on_hand = on_hand - 1 where location_id = ${hub} and variant_id = ${phone}`,
    );
  });
});
