import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, products, stockLevels, variants } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { availabilityByVariant, variantAvailability } from "./availability";
import { listLocations } from "./locations";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

const variantOf = async (sku: string) =>
  (await t.db.select().from(variants).where(eq(variants.sku, sku)))[0]!;

describe("listLocations", () => {
  it("lists the whole network with kinds and regions", async () => {
    const all = await listLocations(t.db);
    const count = (k: string) => all.filter((l) => l.kind === k).length;
    expect(count("logistics_center")).toBe(5);
    expect(count("org_hub")).toBeGreaterThanOrEqual(3);
    expect(count("dealer_hub")).toBeGreaterThanOrEqual(4);
    expect(count("seller_warehouse")).toBe(2);
    expect(all[0]).toEqual({
      id: expect.any(String),
      code: expect.any(String),
      name: expect.any(String),
      nameEn: expect.any(String),
      kind: "logistics_center",
      region: expect.any(String),
      address: expect.any(String),
    });
    expect(all.find((l) => l.code === "HUB-GANGNAM")).toMatchObject({
      kind: "dealer_hub",
      region: "seoul",
      name: "강남역 대리점 HUB",
    });
  });
});

describe("variantAvailability", () => {
  it("is on hand − reserved at every location holding the variant, zeros included", async () => {
    const v = await variantOf("SM-S931N-1-1");
    const [gangnam] = await t.db.select().from(locations).where(eq(locations.code, "HUB-GANGNAM"));
    const [jongno] = await t.db.select().from(locations).where(eq(locations.code, "HUB-JONGNO"));
    // Some units allocated to open orders at one hub, and another hub sold out.
    await t.db
      .update(stockLevels)
      .set({ reserved: 3 })
      .where(and(eq(stockLevels.variantId, v.id), eq(stockLevels.locationId, gangnam!.id)));
    await t.db
      .update(stockLevels)
      .set({ reserved: sql`${stockLevels.onHand}` })
      .where(and(eq(stockLevels.variantId, v.id), eq(stockLevels.locationId, jongno!.id)));

    const levels = await t.db.select().from(stockLevels).where(eq(stockLevels.variantId, v.id));
    const got = await variantAvailability(t.db, v.id);
    expect(got).toHaveLength(levels.length);
    expect(got).toHaveLength(12); // 5 centers, 3 org hubs, 4 dealer hubs
    for (const l of levels) {
      expect(got.find((a) => a.locationId === l.locationId)?.available).toBe(l.onHand - l.reserved);
    }
    expect(got.find((a) => a.locationId === jongno!.id)).toMatchObject({ kind: "org_hub", available: 0 });
    const gangnamLevel = levels.find((l) => l.locationId === gangnam!.id)!;
    expect(got.find((a) => a.locationId === gangnam!.id)!.available).toBe(gangnamLevel.onHand - 3);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(got.map((a) => a.available))).toBe(sum(levels.map((l) => l.onHand - l.reserved)));
  });

  it("shows a marketplace item at its seller's warehouse only", async () => {
    const v = await variantOf("DP-AX6E-1");
    const got = await variantAvailability(t.db, v.id);
    expect(got).toEqual([
      expect.objectContaining({
        kind: "seller_warehouse",
        code: "WH-DIGITALPLAZA",
        available: expect.any(Number),
      }),
    ]);
  });

  it("is empty for an on-sale variant that no location holds", async () => {
    const v = await variantOf("IP17-PRE-1-1");
    expect(await variantAvailability(t.db, v.id)).toEqual([]);
  });

  it.each([
    ["an unknown id", "6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"],
    ["a malformed id", "SM-S931N-1-1"],
  ])("answers %s with NotFound", async (_l, id) => {
    await expect(variantAvailability(t.db, id)).rejects.toBeInstanceOf(NotFound);
  });

  it("answers NotFound for a variant of a product not on sale", async () => {
    const v = await variantOf("DP-PB20K-1"); // in review, yet stocked at the warehouse
    expect(
      (await t.db.select().from(stockLevels).where(eq(stockLevels.variantId, v.id))).length,
    ).toBeGreaterThan(0);
    await expect(variantAvailability(t.db, v.id)).rejects.toBeInstanceOf(NotFound);
  });

  it("gives many variants at once", async () => {
    const ids = (
      await t.db
        .select({ id: variants.id })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(inArray(products.nameEn, ["Galaxy S25", "iPhone 16"]))
    ).map((r) => r.id);
    const map = await availabilityByVariant(t.db, ids);
    expect([...map.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(map.get(id)).toHaveLength(12);
  });
});
