import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { demoIds, setStock } from "@/test/orders-fixtures";
import { GET as kpisRoute } from "@/app/api/kpis/route";
import { networkKpis } from "./kpis";

const t = setupTestDb();
let marketing: UserActor;

/**
 * A known week (Seoul days 2025-03-01 … 07), figures checked by hand:
 *   hub lead times 6, 12, 30 h → p50 12, p90 12 + 0.8 × 18 = 26.4
 *   center lead times 48, 72, 24 h → p50 48, p90 48 + 0.8 × 24 = 67.2
 *   fill rate: 5 delivered retailer orders go to regions with a hub (not the Jeju one), 3 from hubs → 0.6
 *   orders by source: dealer hub 2, org hub 1, centers 4 (one at 23:30 on the 7th, Seoul time; the
 *   cancelled one and the one at 00:30 on the 8th do not count)
 *   per day of delivery (Seoul): the 3rd the hub's 6 h and 12 h → p50 9, p90 6 + 0.9 × 6 = 11.4; the
 *   4th the center's 48 h; the 5th the hub's 30 h and the center's 72 h (Jeju); the 6th the center's 24 h
 */
beforeAll(async () => {
  await seedDemo(t.db);
  marketing = await actorFor(t.db, "marketing@demo.test");
  const ids = await demoIds(t.db);
  const customer = await makeCustomer(t.db);
  const [retailer] = await t.db.execute(sql`select id from organisations where kind = 'retailer'`);
  const order = async (
    source: string,
    region: string,
    createdKst: string,
    status: string,
    hoursToDeliver: number | null,
  ) => {
    const created = `${createdKst}+09:00`;
    const delivered =
      hoursToDeliver === null
        ? null
        : new Date(Date.parse(created) + hoursToDeliver * 3600_000).toISOString();
    const [o] = await t.db
      .execute(sql`insert into orders (customer_id, status, total, shipping_address, source_location_id, created_at)
      values (${customer.id}, 'confirmed', 1000, ${JSON.stringify({ name: "x", phone: "010", line1: "x", postalCode: "00000", region })}::jsonb, ${ids.loc(source)}, ${created}) returning id`);
    await t.db
      .execute(sql`insert into seller_orders (order_id, seller_id, source_location_id, status, subtotal, created_at, delivered_at)
      values (${o!.id}, ${retailer!.id}, ${ids.loc(source)}, ${status}, 1000, ${created}, ${delivered})`);
  };
  await order("HUB-GANGNAM", "seoul", "2025-03-03T10:00:00", "delivered", 6);
  await order("HUB-GANGNAM", "seoul", "2025-03-03T11:00:00", "delivered", 12);
  await order("HUB-INCHEON", "incheon", "2025-03-04T09:00:00", "delivered", 30);
  await order("LC-ICHEON", "seoul", "2025-03-02T09:00:00", "delivered", 48);
  await order("LC-ICHEON", "jeju", "2025-03-02T10:00:00", "delivered", 72);
  await order("LC-DAEJEON", "seoul", "2025-03-05T09:00:00", "delivered", 24);
  await order("LC-DAEJEON", "seoul", "2025-03-07T23:30:00", "confirmed", null);
  await order("LC-DAEJEON", "seoul", "2025-03-08T00:30:00", "confirmed", null);
  await order("LC-ICHEON", "seoul", "2025-03-05T12:00:00", "cancelled", null);
});

describe("the network's figures", () => {
  it("match the hand-checked week", async () => {
    const k = await networkKpis(t.db, marketing, { from: "2025-03-01", to: "2025-03-07" });
    expect(k.leadTime).toEqual({
      hub: { orders: 3, p50Hours: 12, p90Hours: 26.4 },
      center: { orders: 3, p50Hours: 48, p90Hours: 67.2 },
    });
    expect(k.fillRate).toBeCloseTo(0.6);
    expect(k.ordersBySource).toEqual({ logistics_center: 4, org_hub: 1, dealer_hub: 2, seller_warehouse: 0 });
    expect(k.daily).toHaveLength(7);
    expect(k.daily.find((d) => d.day === "2025-03-03")).toMatchObject({
      dealer_hub: 2,
      hubP50Hours: 9,
      hubP90Hours: 11.4,
      centerP50Hours: null,
    });
    expect(k.daily.find((d) => d.day === "2025-03-04")).toMatchObject({
      centerP50Hours: 48,
      centerP90Hours: 48,
      hubP50Hours: null,
    });
    expect(k.daily.find((d) => d.day === "2025-03-05")).toMatchObject({
      hubP50Hours: 30,
      hubP90Hours: 30,
      centerP50Hours: 72,
    });
    expect(k.daily.find((d) => d.day === "2025-03-06")).toMatchObject({
      centerP50Hours: 24,
      centerP90Hours: 24,
    });
    // Every day's series adds up to the range's totals.
    expect(k.daily.reduce((n, d) => n + d.logistics_center, 0)).toBe(k.ordersBySource.logistics_center);
    expect(k.daily.find((d) => d.day === "2025-03-07")).toMatchObject({ logistics_center: 1 });
  });

  it("are empty, not wrong, over a range with nothing in it", async () => {
    const k = await networkKpis(t.db, marketing, { from: "2024-01-01", to: "2024-01-02" });
    expect(k.leadTime).toEqual({
      hub: { orders: 0, p50Hours: null, p90Hours: null },
      center: { orders: 0, p50Hours: null, p90Hours: null },
    });
    expect(k.fillRate).toBeNull();
    expect(k.ordersBySource).toEqual({ logistics_center: 0, org_hub: 0, dealer_hub: 0, seller_warehouse: 0 });
    expect(k.daily.map((d) => d.day)).toEqual(["2024-01-01", "2024-01-02"]);
    expect(
      k.daily.every((d) => d.hubP50Hours === null && d.centerP90Hours === null && d.dealer_hub === 0),
    ).toBe(true);
  });

  it("count stock-outs and transfers in flight as they are now", async () => {
    const ids = await demoIds(t.db);
    const [v] = await t.db.execute(
      sql`select v.id from variants v join products p on p.id = v.product_id where p.status = 'on_sale' and v.sku = 'SM-S931N-1-1'`,
    );
    const before = (await networkKpis(t.db, marketing, {})).stockOuts;
    await setStock(t.db, ids.loc("HUB-DUNSAN"), v!.id as string, 0); // through the ledger
    const k = await networkKpis(t.db, marketing, {});
    expect(k.stockOuts).toBeGreaterThanOrEqual(before);
    expect(k.stockOutList).toContainEqual(
      expect.objectContaining({ variantId: v!.id, locationId: ids.loc("HUB-DUNSAN") }),
    );
    expect(k.transfersInFlight).toBe(0);
  });

  it("GET /api/kpis is marketing's; bad dates are 422 naming the field", async () => {
    const dealer = await actorFor(t.db, "dealer@demo.test");
    expect(
      (await call(kpisRoute, { as: marketing, url: "/api/kpis?from=2025-03-01&to=2025-03-07" })).body
        .ordersBySource.dealer_hub,
    ).toBe(2);
    expect((await call(kpisRoute, { as: dealer })).status).toBe(403);
    expect((await call(kpisRoute, { as: null })).status).toBe(401);
    for (const [q, field] of [
      ["from=2025-13-01", "from"],
      ["to=yesterday", "to"],
      ["from=2025-03-08&to=2025-03-01", "from"],
    ]) {
      const res = await call(kpisRoute, { as: marketing, url: `/api/kpis?${q}` });
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toContain(field);
    }
  });
});
