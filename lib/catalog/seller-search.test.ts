import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { products } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { demoActors, seedDemo } from "@/test/factories";
import { createProduct } from "./create-product";
import { listProducts } from "./queries";
import { listSellerProducts } from "./seller-product-queries";
import { setProductOptions } from "./set-options";
import { approveProduct, pauseProduct, publishProduct, submitProduct } from "./transition-product";
import { updateProduct } from "./update-product";
import { updateVariant } from "./update-variant";

/**
 * A product made and edited through the seller centre's verbs is found by the shop's search (the bigram
 * index, docs/decisions/0008-korean-partial-search.md) under its current names, with the price range of
 * its sellable variants only, and only while it is on sale.
 */
const t = setupTestDb();
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let marketing: UserActor, seller: UserActor;
let productId = "";
let variantIds: string[] = [];

const shopNames = async (q: string) => (await listProducts(t.db, { q })).items.map((p) => p.nameKo);
const range = async () =>
  (await t.db.select({ lo: products.priceMin, hi: products.priceMax }).from(products).where(eq(products.id, productId)))[0];

beforeAll(async () => {
  await seedDemo(t.db);
  ({ marketing, seller } = await demoActors(t.db));
  const { product } = await run((tx) =>
    createProduct(tx, seller, { nameKo: "무드등 스탠드", nameEn: "Mood Lamp Stand", category: "accessory", type: "stock" }),
  );
  productId = product.id;
  const detail = await run((tx) =>
    setProductOptions(tx, seller, productId, {
      groups: [{ nameKo: "용량", nameEn: "Size", values: [{ valueKo: "2L", valueEn: "2L" }, { valueKo: "4L", valueEn: "4L" }, { valueKo: "6L", valueEn: "6L" }] }],
    }),
  );
  variantIds = detail.variants.map((v) => v.id);
  expect(variantIds).toHaveLength(3);
});

describe("a seller's product in the shop's search", () => {
  it("is found by its new names after a draft edit, not by the old ones, once on sale", async () => {
    await run((tx) => updateProduct(tx, seller, productId, { nameKo: "스마트 무드등 가습기", nameEn: "Smart Mood Lamp Humidifier" }));
    // Two variants priced, the third left without a price.
    const [a, b] = variantIds;
    await run((tx) => updateVariant(tx, seller, productId, a!, { price: 49_000 }));
    await run((tx) => updateVariant(tx, seller, productId, b!, { price: 59_000 }));
    expect(await shopNames("가습")).toEqual([]); // a draft is not in the shop

    await run((tx) => submitProduct(tx, seller, productId, {}));
    await run((tx) => approveProduct(tx, marketing, productId, {}));
    await run((tx) => publishProduct(tx, seller, productId, {}));

    expect(await shopNames("가습")).toEqual(["스마트 무드등 가습기"]);
    expect(await shopNames("습")).toContain("스마트 무드등 가습기");
    expect(await shopNames("humidi")).toEqual(["스마트 무드등 가습기"]);
    expect(await shopNames("무드등 가습기")).toEqual(["스마트 무드등 가습기"]);
    expect(await shopNames("스탠드")).toEqual([]);
    expect(await shopNames("Stand")).not.toContain("스마트 무드등 가습기");
    // The seller centre's own list searches the same way.
    const mine = await listSellerProducts(t.db, seller, { q: "가습" });
    expect(mine.items.map((p) => p.id)).toEqual([productId]);
    expect((await listSellerProducts(t.db, seller, { q: "스탠드" })).items).toEqual([]);
  });

  it("keeps the price range of the active, priced variants only", async () => {
    const [a, b, c] = variantIds;
    expect(await range()).toEqual({ lo: 49_000, hi: 59_000 }); // the unpriced one does not count
    await run((tx) => updateVariant(tx, seller, productId, c!, { price: 99_000 }));
    expect(await range()).toEqual({ lo: 49_000, hi: 99_000 });
    await run((tx) => updateVariant(tx, seller, productId, c!, { active: false }));
    expect(await range()).toEqual({ lo: 49_000, hi: 59_000 }); // retired: left out
    await run((tx) => updateVariant(tx, seller, productId, a!, { active: false }));
    expect(await range()).toEqual({ lo: 59_000, hi: 59_000 });
    await run((tx) => updateVariant(tx, seller, productId, a!, { active: true }));
    expect(await range()).toEqual({ lo: 49_000, hi: 59_000 });
    const [card] = (await listProducts(t.db, { q: "가습" })).items;
    expect(card!.priceFrom).toBe(49_000);
    expect(card!.variants.map((v) => v.id).sort()).toEqual([a!, b!].sort());
  });

  it("leaves the search, the category listing and its seller's storefront when paused", async () => {
    const inListing = async (query: Record<string, string>) =>
      (await listProducts(t.db, query)).items.some((p) => p.id === productId);
    expect(await inListing({ category: "accessory", q: "무드등" })).toBe(true);
    expect(await inListing({ seller: seller.organisationId!, q: "무드등" })).toBe(true);
    await run((tx) => pauseProduct(tx, seller, productId, {}));
    expect(await shopNames("가습")).toEqual([]);
    expect(await inListing({ category: "accessory", q: "무드등" })).toBe(false);
    expect(await inListing({ seller: seller.organisationId!, q: "무드등" })).toBe(false);
  });
});
