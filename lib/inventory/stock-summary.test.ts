import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, stockLevels } from "@/db/schema";
import { Forbidden, Unauthenticated } from "@/lib/errors";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { networkStock, ownLocationStock } from "./stock-summary";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

const totalsByLocation = async () => {
  const rows = await t.db
    .select({
      code: locations.code,
      onHand: sql<number>`coalesce(sum(${stockLevels.onHand}),0)::int`,
      reserved: sql<number>`coalesce(sum(${stockLevels.reserved}),0)::int`,
    })
    .from(locations)
    .leftJoin(stockLevels, eq(stockLevels.locationId, locations.id))
    .groupBy(locations.code);
  return new Map(rows.map((r) => [r.code, r]));
};

describe("ownLocationStock", () => {
  it("gives a dealer their own hubs only, with totals that match the stock levels", async () => {
    await t.db.execute(
      sql`update stock_levels set reserved = 2 where location_id = (select id from locations where code = 'HUB-GANGNAM') and on_hand >= 2`,
    );
    const mine = await ownLocationStock(t.db, await actorFor(t.db, "dealer@demo.test"));
    expect(mine.map((l) => l.code).sort()).toEqual(["HUB-BUNDANG", "HUB-GANGNAM"]);
    const truth = await totalsByLocation();
    for (const l of mine) {
      expect(l.onHand).toBe(truth.get(l.code)!.onHand);
      expect(l.reserved).toBe(truth.get(l.code)!.reserved);
      expect(l.available).toBe(l.onHand - l.reserved);
      expect(l.skus).toBeGreaterThan(0);
    }
    expect(mine.find((l) => l.code === "HUB-GANGNAM")!.reserved).toBeGreaterThan(0);
  });

  it("gives a seller their warehouse, and the retailer's store none", async () => {
    expect(
      (await ownLocationStock(t.db, await actorFor(t.db, "seller2@demo.test"))).map((l) => l.code),
    ).toEqual(["WH-SMARTHOME"]);
    expect(await ownLocationStock(t.db, await actorFor(t.db, "store@demo.test"))).toEqual([]);
  });

  it("refuses customers and anonymous visitors", async () => {
    await expect(ownLocationStock(t.db, await makeCustomer(t.db))).rejects.toBeInstanceOf(Forbidden);
    await expect(ownLocationStock(t.db, null)).rejects.toBeInstanceOf(Unauthenticated);
  });
});

describe("networkStock", () => {
  it("gives marketing every location with its totals", async () => {
    const all = await networkStock(t.db, await actorFor(t.db, "marketing@demo.test"));
    const truth = await totalsByLocation();
    expect(all).toHaveLength(truth.size);
    for (const l of all)
      expect([l.onHand, l.reserved]).toEqual([truth.get(l.code)!.onHand, truth.get(l.code)!.reserved]);
  });

  it("refuses dealers and sellers", async () => {
    await expect(networkStock(t.db, await actorFor(t.db, "dealer@demo.test"))).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(networkStock(t.db, await actorFor(t.db, "seller@demo.test"))).rejects.toBeInstanceOf(
      Forbidden,
    );
  });
});
