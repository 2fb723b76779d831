import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { organisations, products, variants } from "@/db/schema";
import { demoProducts } from "@/db/seed/data";
import { NotFound } from "@/lib/errors";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { getProduct, likePattern, listProducts, listSellers } from "./queries";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

const onSale = demoProducts.filter((p) => (p.status ?? "on_sale") === "on_sale");
const galaxies = onSale.filter((p) => p.en.toLowerCase().includes("galaxy"));
const productId = async (nameEn: string) =>
  (await t.db.select({ id: products.id }).from(products).where(eq(products.nameEn, nameEn)))[0]!.id;

describe("listSellers", () => {
  it("lists the retailer's store once and the marketplace sellers, not dealers or marketing", async () => {
    const sellers = await listSellers(t.db);
    expect(sellers.filter((s) => s.kind === "retailer")).toEqual([
      { id: expect.any(String), name: "허브 다이렉트", nameEn: "Hub Direct", kind: "retailer" },
    ]);
    expect(
      sellers
        .filter((s) => s.kind === "marketplace")
        .map((s) => s.nameEn)
        .sort(),
    ).toEqual(["Digital Plaza", "SmartHome Lab"]);
    expect(sellers).toHaveLength(3);
  });
});

describe("listProducts", () => {
  it("lists on-sale products only, with their total", async () => {
    const page = await listProducts(t.db, {});
    expect(page.total).toBe(onSale.length);
    expect(page.items.map((p) => p.nameEn).sort()).toEqual(onSale.map((p) => p.en).sort());
    expect(page.items.every((p) => p.status === "on_sale")).toBe(true);
    expect(page.items.map((p) => p.nameEn)).not.toContain("20,000 mAh Power Bank"); // in review
    expect(page.items.map((p) => p.nameEn)).not.toContain("Bluetooth Voice Remote"); // draft
  });

  it("filters by type", async () => {
    const stock = await listProducts(t.db, { type: "stock" });
    const reservation = await listProducts(t.db, { type: "reservation" });
    expect(stock.total).toBe(onSale.filter((p) => p.type === "stock").length);
    expect(reservation.items.map((p) => p.nameEn).sort()).toEqual(
      onSale
        .filter((p) => p.type === "reservation")
        .map((p) => p.en)
        .sort(),
    );
    expect(stock.items.every((p) => p.type === "stock")).toBe(true);
    expect(stock.total + reservation.total).toBe(onSale.length);
  });

  it("filters by category", async () => {
    const phones = await listProducts(t.db, { category: "phone" });
    expect(phones.items.map((p) => p.nameEn).sort()).toEqual(
      onSale
        .filter((p) => p.category === "phone")
        .map((p) => p.en)
        .sort(),
    );
  });

  it("finds Galaxy products by a Korean or an English word, in any case", async () => {
    const ko = await listProducts(t.db, { q: "갤럭시" });
    const en = await listProducts(t.db, { q: "GaLaXy" });
    expect(ko.total).toBe(galaxies.length);
    expect(ko.items.map((p) => p.id).sort()).toEqual(en.items.map((p) => p.id).sort());
    expect(en.items.map((p) => p.nameEn).sort()).toEqual(galaxies.map((p) => p.en).sort());
  });

  it("needs every word to match, in either language", async () => {
    const r = await listProducts(t.db, { q: "  galaxy  울트라 " });
    expect(r.items.map((p) => p.nameEn)).toEqual(["Galaxy S25 Ultra"]);
    expect(
      (await listProducts(t.db, { q: "아이폰", type: "reservation" })).items.map((p) => p.nameEn),
    ).toEqual(["iPhone 17 Pre-order"]);
  });

  it("treats % and _ as characters, not wildcards", async () => {
    expect(likePattern("100%_\\")).toBe("%100\\%\\_\\\\%");
    expect((await listProducts(t.db, { q: "%" })).total).toBe(0);
    expect((await listProducts(t.db, { q: "_" })).total).toBe(0);
    expect((await listProducts(t.db, { q: "45W" })).items.map((p) => p.nameEn)).toEqual([
      "45W Super Fast Charger",
    ]);
  });

  it("answers nothing, not an error, when nothing matches", async () => {
    expect(await listProducts(t.db, { q: "없는상품xyz" })).toMatchObject({ items: [], total: 0, page: 1 });
  });

  it("gives each variant its options keyed by group code, in English and in Korean", async () => {
    const { items } = await listProducts(t.db, { q: "Galaxy S25", category: "phone" });
    const s25 = items.find((p) => p.nameEn === "Galaxy S25")!;
    expect(s25).toMatchObject({
      name: "갤럭시 S25",
      nameKo: "갤럭시 S25",
      brand: "Samsung",
      type: "stock",
      priceFrom: 1_155_000,
    });
    expect(s25.variants).toHaveLength(6);
    expect(s25.variants[0]).toEqual({
      id: expect.any(String),
      sku: "SM-S931N-1-1",
      options: { color: "Icy Blue", storage: "256GB" },
      optionsKo: { color: "아이시블루", storage: "256GB" },
      optionValueIds: [expect.any(String), expect.any(String)],
      price: 1_155_000,
    });
    expect(s25.variants[1]).toMatchObject({
      options: { color: "Icy Blue", storage: "512GB" },
      price: 1_309_000,
    });
    expect(s25.optionGroups.map((g) => [g.code, g.nameKo, g.values.length])).toEqual([
      ["color", "색상", 3],
      ["storage", "저장용량", 2],
    ]);
  });

  it("loads a page of products in a fixed number of queries, whatever its size", async () => {
    let queries = 0;
    const counting = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "select") queries++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    await listProducts(counting, {});
    expect(queries).toBe(5); // count, page, option groups, variants, images
  });

  describe("pagination", () => {
    beforeAll(async () => {
      const [seller] = await t.db
        .select()
        .from(organisations)
        .where(eq(organisations.nameEn, "Digital Plaza"));
      const rows = await t.db
        .insert(products)
        .values(
          Array.from({ length: 30 }, (_, i) => ({
            sellerId: seller!.id,
            type: "stock" as const,
            status: "on_sale" as const,
            category: "accessory" as const,
            brand: "Test",
            nameKo: `페이지 케이스 ${i}`,
            nameEn: `Paging Case ${i}`,
          })),
        )
        .returning();
      await t.db
        .insert(variants)
        .values(rows.map((p, i) => ({ productId: p.id, sku: `PAGING-${i}`, price: 1000 + i })));
    });

    it("gives 20 a page, the rest on the next, with the same total and no overlap", async () => {
      const p1 = await listProducts(t.db, { q: "paging", page: "1" });
      const p2 = await listProducts(t.db, { q: "케이스", page: 2 });
      const p3 = await listProducts(t.db, { q: "paging", page: 3 });
      expect([p1.total, p2.total, p3.total]).toEqual([30, 30, 30]);
      expect(p1.items).toHaveLength(20);
      expect(p2.items).toHaveLength(10);
      expect(p3.items).toHaveLength(0);
      const ids = new Set([...p1.items, ...p2.items].map((p) => p.id));
      expect(ids.size).toBe(30);
      expect(p1.pageSize).toBe(20);
    });
  });

  it.each([
    [{ type: "bundle" }, "type"],
    [{ page: "-1" }, "page"],
    [{ page: "0" }, "page"],
    [{ page: "abc" }, "page"],
    [{ page: "1.5" }, "page"],
    [{ page: "99999999" }, "page"],
    [{ q: "x".repeat(101) }, "q"],
    [{ category: "cars" }, "category"],
  ])("refuses %o naming %s", async (raw, field) => {
    const err = await listProducts(t.db, raw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZodError);
    expect((err as ZodError).issues.map((i) => i.path.join("."))).toEqual([field]);
  });
});

describe("getProduct", () => {
  it("gives an on-sale product to anyone, with options in both languages and its seller", async () => {
    const id = await productId("Galaxy Watch7 LTE");
    const p = await getProduct(t.db, null, id);
    expect(p).toMatchObject({
      id,
      name: "갤럭시 워치7 LTE",
      brand: "Samsung",
      category: "wearable",
      descriptionKo: expect.stringContaining("폰 없이도"),
      descriptionEn: expect.stringContaining("without your phone"),
      seller: { name: "허브 다이렉트", nameEn: "Hub Direct", kind: "retailer" },
    });
    expect(p.optionGroups.map((g) => g.code)).toEqual(["color", "size"]);
    expect(p.optionGroups[1]!.values.map((v) => v.valueEn)).toEqual(["40mm", "44mm"]);
    expect(p.variants.map((v) => v.options)).toEqual([
      { color: "Green", size: "40mm" },
      { color: "Green", size: "44mm" },
      { color: "Silver", size: "40mm" },
      { color: "Silver", size: "44mm" },
    ]);
    expect(p.variants.map((v) => v.price)).toEqual([429_000, 459_000, 429_000, 459_000]);
  });

  it("hides a product that is not on sale from customers and other sellers", async () => {
    const id = await productId("20,000 mAh Power Bank");
    const customer = await makeCustomer(t.db);
    const otherSeller = await actorFor(t.db, "seller2@demo.test");
    for (const who of [null, customer, otherSeller]) {
      await expect(getProduct(t.db, who, id)).rejects.toBeInstanceOf(NotFound);
    }
  });

  it("shows a product in review to its own seller's staff", async () => {
    const id = await productId("20,000 mAh Power Bank");
    const p = await getProduct(t.db, await actorFor(t.db, "seller@demo.test"), id);
    expect(p.status).toBe("in_review");
    expect(p.seller.kind).toBe("marketplace");
  });

  it("leaves a paused product out of lists and search, 404 for customers, previewed by its own staff", async () => {
    const id = await productId("Galaxy Buds3 Pro");
    await t.db.update(products).set({ status: "paused" }).where(eq(products.id, id));
    try {
      expect((await listProducts(t.db, {})).items.map((p) => p.id)).not.toContain(id);
      expect((await listProducts(t.db, { q: "버즈" })).items).toEqual([]);
      await expect(getProduct(t.db, await makeCustomer(t.db), id)).rejects.toBeInstanceOf(NotFound);
      await expect(getProduct(t.db, null, id)).rejects.toBeInstanceOf(NotFound);
      expect((await getProduct(t.db, await actorFor(t.db, "seller@demo.test"), id)).status).toBe("paused");
    } finally {
      await t.db.update(products).set({ status: "on_sale" }).where(eq(products.id, id));
    }
  });

  it.each(["not-a-uuid", "00000000-0000-4000-8000-000000000000", ""])(
    "answers %j with NotFound",
    async (id) => {
      await expect(getProduct(t.db, null, id)).rejects.toBeInstanceOf(NotFound);
    },
  );
});
