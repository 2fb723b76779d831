import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, stockLevels, variants } from "@/db/schema";
import { Forbidden } from "@/lib/errors";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { sellerProducts } from "./seller-products";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

describe("sellerProducts", () => {
  it("lists the seller's own products in every state, with variant counts and available units", async () => {
    const rows = await sellerProducts(t.db, await actorFor(t.db, "seller@demo.test"));
    expect(rows.map((r) => r.nameEn).sort()).toEqual(["20,000 mAh Power Bank", "45W Super Fast Charger", "Galaxy Buds3 Pro", "Giga Wi-Fi 6E Router"]);
    expect(rows.find((r) => r.nameEn === "20,000 mAh Power Bank")).toMatchObject({ status: "in_review", variantCount: 1, priceMin: 39_000 });
    const router = rows.find((r) => r.nameEn === "Giga Wi-Fi 6E Router")!;
    const [truth] = await t.db
      .select({ available: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
      .from(stockLevels)
      .innerJoin(variants, eq(variants.id, stockLevels.variantId))
      .where(eq(variants.productId, router.id));
    expect(router).toMatchObject({ variantCount: 2, available: truth!.available });
  });

  it("shows another seller's listings to nobody else", async () => {
    const rows = await sellerProducts(t.db, await actorFor(t.db, "seller2@demo.test"));
    const sellerIds = new Set((await t.db.select({ s: products.sellerId }).from(products).where(sql`${products.id} in ${rows.map((r) => r.id)}`)).map((r) => r.s));
    expect(sellerIds.size).toBe(1);
    expect(rows.map((r) => r.nameEn)).not.toContain("Giga Wi-Fi 6E Router");
  });

  it("refuses dealers and marketing", async () => {
    await expect(sellerProducts(t.db, await actorFor(t.db, "dealer@demo.test"))).rejects.toBeInstanceOf(Forbidden);
    await expect(sellerProducts(t.db, await actorFor(t.db, "marketing@demo.test"))).rejects.toBeInstanceOf(Forbidden);
  });
});
