import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organisations, products, variants } from "@/db/schema";
import { demoProducts } from "@/db/seed/data";
import { NotFound } from "@/lib/errors";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { forgetGramFrequencies, gramFrequencies, searchKeys } from "./gram-rarity";
import { COUNT_CAP, getSeller, gramsAreExact, listProducts, searchWords } from "./queries";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

const onSale = demoProducts.filter((p) => (p.status ?? "on_sale") === "on_sale");
const names = async (q: string) => (await listProducts(t.db, { q })).items.map((p) => p.nameEn).sort();
const sellerId = async (nameEn: string) =>
  (await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.nameEn, nameEn)))[0]!.id;

describe("the search grams", () => {
  const grams = async (fn: "hub_search_grams" | "hub_search_keys", text: string) => {
    const [row] = await t.db.execute<{ g: string[] }>(sql`select ${sql.raw(fn)}(${text}::text) as g`);
    return [...row!.g].sort();
  };

  it("index every 1- and 2-character gram of each lower-cased word, never across a space", async () => {
    expect(await grams("hub_search_grams", "갤럭시 S25")).toEqual(["2", "25", "5", "s", "s2", "갤", "갤럭", "럭", "럭시", "시"].sort());
    expect(await grams("hub_search_grams", "  충 ")).toEqual(["충"]);
    expect(await grams("hub_search_grams", "")).toEqual([]);
  });

  it("ask for the character of a one-character word, else for every bigram", async () => {
    expect(await grams("hub_search_keys", "충")).toEqual(["충"]);
    expect(await grams("hub_search_keys", "보조")).toEqual(["보조"]);
    expect(await grams("hub_search_keys", "갤럭시")).toEqual(["갤럭", "럭시"]);
    expect(await grams("hub_search_keys", "GaLaXy")).toEqual(["al", "ax", "ga", "la", "xy"]);
  });

  it("are stored on every product, from both names", async () => {
    const [row] = await t.db.select({ g: products.searchGrams }).from(products).where(eq(products.nameEn, "45W Super Fast Charger"));
    expect(row!.g).toEqual(expect.arrayContaining(["충전", "전기", "45", "w", "fa", "st"]));
  });

  it("are used through the GIN index, not a scan of every name", async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await tx.execute<{ "QUERY PLAN": string }>(
        sql`explain select id from products where search_grams @> hub_search_keys(${"보조"}::text)`,
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("Bitmap Index Scan on products_search_grams_index");
  });
});

describe("searching names by parts of words", () => {
  it("finds a Korean name by one, two and three syllables of a word", async () => {
    expect(await names("충")).toEqual(["45W Super Fast Charger"]);
    expect(await names("보조")).toEqual(["25W Wireless Power Bank 10,000 mAh"]); // the one in review stays hidden
    expect(await names("배터리")).toEqual(["25W Wireless Power Bank 10,000 mAh"]);
    expect(await names("갤럭시")).toEqual(onSale.filter((p) => p.ko.includes("갤럭시")).map((p) => p.en).sort());
    expect(await names("럭시")).toEqual(await names("갤럭시"));
  });

  it("finds English words and parts of them in any case, one letter too", async () => {
    expect(await names("BANK")).toEqual(["25W Wireless Power Bank 10,000 mAh"]);
    expect(await names("wire")).toEqual(["25W Wireless Power Bank 10,000 mAh"]);
    expect(await names("z")).toEqual(["Galaxy Z Flip6"]);
    expect(await names("mah")).toEqual(["25W Wireless Power Bank 10,000 mAh"]);
  });

  it("needs the letters in order, as one substring: the bigrams alone would let these through", async () => {
    // 시갤 has no match although both 시 and 갤 are in 갤럭시; S25울트라 spans two words.
    expect(await names("시갤")).toEqual([]);
    expect(await names("S25울트라")).toEqual([]);
    expect(await names("alaxy")).toEqual(onSale.filter((p) => p.en.includes("Galaxy")).map((p) => p.en).sort());
  });

  it("lets through every product by every part of every word of its names (the index never misses)", async () => {
    const pairs: { id: string; part: string }[] = [];
    const rows = await t.db.select({ id: products.id, ko: products.nameKo, en: products.nameEn }).from(products);
    for (const p of rows) {
      for (const word of `${p.ko} ${p.en}`.split(" ")) {
        for (let len = 1; len <= 5; len++)
          for (let i = 0; i + len <= word.length; i++) {
            const part = word.slice(i, i + len);
            pairs.push({ id: p.id, part }, { id: p.id, part: part.toUpperCase() });
          }
      }
    }
    const [missed] = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from json_to_recordset(${JSON.stringify(pairs)}::json) as x(id uuid, part text)
      join products p on p.id = x.id
      where not (p.search_grams @> hub_search_keys(x.part))`);
    expect(pairs.length).toBeGreaterThan(1000);
    expect(missed!.n).toBe(0);
  });

  it("answers a one- or two-character word by its gram alone exactly as ILIKE does (no recheck needed)", async () => {
    const parts = new Set<string>();
    const rows = await t.db.select({ ko: products.nameKo, en: products.nameEn }).from(products);
    for (const p of rows)
      for (const word of `${p.ko} ${p.en}`.split(/\s+/))
        for (let len = 1; len <= 2; len++)
          for (let i = 0; i + len <= word.length; i++) {
            const part = word.slice(i, i + len);
            if (gramsAreExact(part)) parts.add(part).add(part.toUpperCase());
          }
    const [differ] = await t.db.execute<{ n: number; tried: number }>(sql`
      select count(*) filter (where by_grams is distinct from by_ilike)::int as n, count(*)::int as tried from (
        select x.part,
          (select array_agg(p.id order by p.id) from products p where p.search_grams @> hub_search_keys(x.part)) as by_grams,
          (select array_agg(p.id order by p.id) from products p
            where p.name_ko ilike '%' || x.part || '%' or p.name_en ilike '%' || x.part || '%') as by_ilike
        from json_array_elements_text(${JSON.stringify([...parts])}::json) as x(part)
      ) t`);
    expect(differ!.tried).toBeGreaterThan(200);
    expect(differ!.n).toBe(0);
    expect(gramsAreExact("보조")).toBe(true);
    expect(["갤럭시", "5%", "_", "é"].map(gramsAreExact)).toEqual([false, false, false, false]);
  });

  it("splits the query on any whitespace, up to 8 words", () => {
    expect(searchWords(" 갤럭시\u3000s25\tultra ")).toEqual(["갤럭시", "s25", "ultra"]);
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
    expect(searchWords(undefined)).toEqual([]);
  });
});

describe("the listing", () => {
  it("orders by category, then the dearest variant first", async () => {
    const { items } = await listProducts(t.db, { category: "phone", type: "stock" });
    expect(items.map((p) => p.nameEn)).toEqual(["Galaxy S25 Ultra", "iPhone 16 Pro", "Galaxy Z Flip6", "iPhone 16", "Galaxy S25"]);
    const all = (await listProducts(t.db, {})).items.map((p) => p.category);
    expect(all.indexOf("tablet")).toBeGreaterThan(all.lastIndexOf("phone"));
  });

  it("lists one seller's on-sale products (its storefront)", async () => {
    const plaza = await sellerId("Digital Plaza");
    const page = await listProducts(t.db, { seller: plaza });
    expect(page.items.map((p) => p.nameEn).sort()).toEqual(
      onSale.filter((p) => p.seller === "seller1").map((p) => p.en).sort(),
    );
    expect(page.items.every((p) => p.sellerId === plaza)).toBe(true);
    expect((await listProducts(t.db, { seller: plaza, q: "충전" })).items.map((p) => p.nameEn)).toEqual(["45W Super Fast Charger"]);
  });

  describe("with more matches than the count goes to", () => {
    beforeAll(async () => {
      const plaza = await sellerId("Digital Plaza");
      const rows = await t.db
        .insert(products)
        .values(
          Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
            sellerId: plaza,
            type: "stock" as const,
            status: "on_sale" as const,
            category: "accessory" as const,
            brand: "Test",
            nameKo: `투명 케이스 ${i}`,
            nameEn: `Clear Case ${i}`,
          })),
        )
        .returning({ id: products.id });
      await t.db.insert(variants).values(rows.map((p, i) => ({ productId: p.id, sku: `CASE-${i}`, price: 10_000 + i })));
    });

    it("says how many up to the cap, and that there are more", async () => {
      const broad = await listProducts(t.db, { q: "케이스" });
      expect(broad).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(broad.items).toHaveLength(20);
      expect(broad.items[0]!.nameEn).toBe(`Clear Case ${COUNT_CAP + 4}`); // the dearest first
      expect(await listProducts(t.db, { q: "case 100" })).toMatchObject({ total: 6, totalCapped: false }); // 100, 1000–1004
    });
  });
});

describe("the search postings (product_search_grams)", () => {
  /** Rows where the postings and products disagree, either way: none, whatever wrote products. */
  const mismatches = async () => {
    const [row] = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from (
        (select g, id, status, category, price_max, type, seller_id from products, unnest(search_grams) g
         except select gram, product_id, status, category, price_max, type, seller_id from product_search_grams)
        union all
        (select gram, product_id, status, category, price_max, type, seller_id from product_search_grams
         except select g, id, status, category, price_max, type, seller_id from products, unnest(search_grams) g)
      ) d`);
    return row!.n;
  };

  it("follow every insert, rename, status, price and seller change and delete of a product", async () => {
    expect(await mismatches()).toBe(0);
    const plaza = await sellerId("Digital Plaza");
    const [p] = await t.db
      .insert(products)
      .values({ sellerId: plaza, type: "stock", status: "draft", category: "router", brand: "T", nameKo: "우편 공유기", nameEn: "Postal Router" })
      .returning({ id: products.id });
    expect(await mismatches()).toBe(0);
    await t.db.update(products).set({ nameKo: "편지 공유기", nameEn: "Letter Router" }).where(eq(products.id, p!.id));
    expect(await mismatches()).toBe(0);
    await t.db.update(products).set({ status: "on_sale", category: "accessory" }).where(eq(products.id, p!.id));
    await t.db.insert(variants).values({ productId: p!.id, sku: "POSTAL-1", price: 70_000 }); // price_max, by its trigger
    expect(await mismatches()).toBe(0);
    expect((await listProducts(t.db, { q: "편지" })).items.map((x) => x.nameEn)).toEqual(["Letter Router"]);
    expect((await listProducts(t.db, { q: "우편" })).items).toEqual([]);
    await t.db.update(products).set({ sellerId: await sellerId("SmartHome Lab") }).where(eq(products.id, p!.id));
    expect(await mismatches()).toBe(0);
    await t.db.delete(variants).where(eq(variants.productId, p!.id));
    await t.db.delete(products).where(eq(products.id, p!.id));
    expect(await mismatches()).toBe(0);
  });

  it("give the same pages as the whole condition sorted, whichever gram is the rarest", async () => {
    /** The search as a plain filter and sort over products (no postings), for comparison. */
    const direct = async (q: string, filters: { category?: string; type?: string } = {}) => {
      const rows = await t.db.execute<{ id: string }>(sql`
        select p.id from products p
        where p.status = 'on_sale'
          ${filters.category ? sql`and p.category = ${filters.category}::product_category` : sql``}
          ${filters.type ? sql`and p.type = ${filters.type}::product_type` : sql``}
          and ${sql.join(
            searchWords(q).map((w) => sql`(p.name_ko ilike ${`%${w}%`} or p.name_en ilike ${`%${w}%`})`),
            sql` and `,
          )}
        order by p.category, p.price_max desc nulls last, p.id`);
      return [...rows].map((r) => r.id);
    };
    const cases = [
      ["갤럭시", {}],
      ["s25", {}],
      ["충전", { category: "accessory" }],
      ["케이스", {}],
      ["case 10", {}],
      ["pro", { type: "stock" }],
      ["a", {}],
      ["시갤", {}],
      ["갤럭시 s25", {}],
      ["보조 배터리", {}],
    ] as const;
    const compare = async () => {
      for (const [q, filters] of cases) {
        const want = await direct(q, filters);
        const page1 = await listProducts(t.db, { q, ...filters });
        const page2 = await listProducts(t.db, { q, ...filters, page: 2 });
        expect([...page1.items, ...page2.items].map((p) => p.id), q).toEqual(want.slice(0, 40));
        expect(page1.total, q).toBe(Math.min(want.length, COUNT_CAP));
      }
    };
    // Without statistics (a database not analyzed yet) every key looks as rare as the next…
    forgetGramFrequencies();
    await compare();
    // …and with them the search walks another key's postings: the same pages.
    await t.db.execute(sql`analyze product_search_grams`);
    forgetGramFrequencies();
    expect((await gramFrequencies(t.db)).size).toBeGreaterThan(0);
    await compare();
  });

  it("look up the hints of the keys the database searches by", async () => {
    for (const q of ["갤럭시 S25", "충", "보조", "GaLaXy ultra", "a b"]) {
      const [row] = await t.db.execute<{ g: string[] }>(
        sql`select array(select distinct unnest(hub_search_keys(w)) from unnest(${`{${searchWords(q).map((w) => `"${w}"`).join(",")}}`}::text[]) w) as g`,
      );
      expect(searchKeys(searchWords(q)).sort(), q).toEqual([...row!.g].sort());
    }
  });
});

describe("the price range kept on products", () => {
  const range = async (id: string) =>
    (await t.db.select({ lo: products.priceMin, hi: products.priceMax }).from(products).where(eq(products.id, id)))[0];
  const newProduct = async () => {
    const [p] = await t.db
      .insert(products)
      .values({ sellerId: await sellerId("Digital Plaza"), type: "stock", status: "on_sale", category: "router", brand: "T", nameKo: "범위", nameEn: "Range" })
      .returning({ id: products.id });
    return p!.id;
  };

  it("follows every insert, price change and delete of the variants", async () => {
    const id = await newProduct();
    expect(await range(id)).toEqual({ lo: null, hi: null });
    await t.db.insert(variants).values([
      { productId: id, sku: "RANGE-1", price: 30_000 },
      { productId: id, sku: "RANGE-2", price: 50_000 },
    ]);
    expect(await range(id)).toEqual({ lo: 30_000, hi: 50_000 });
    await t.db.update(variants).set({ price: 90_000 }).where(eq(variants.sku, "RANGE-1"));
    expect(await range(id)).toEqual({ lo: 50_000, hi: 90_000 });
    await t.db.delete(variants).where(eq(variants.sku, "RANGE-1"));
    expect(await range(id)).toEqual({ lo: 50_000, hi: 50_000 });
    await t.db.delete(variants).where(eq(variants.productId, id));
    expect(await range(id)).toEqual({ lo: null, hi: null });
  });

  it("counts only the active variants with a price", async () => {
    const id = await newProduct();
    await t.db.insert(variants).values([
      { productId: id, sku: "SELL-1", price: 30_000 },
      { productId: id, sku: "SELL-2", price: 50_000 },
      { productId: id, sku: "SELL-3", price: null },
      { productId: id, sku: "SELL-4", price: 1_000, active: false },
    ]);
    expect(await range(id)).toEqual({ lo: 30_000, hi: 50_000 });
    await t.db.update(variants).set({ active: false }).where(eq(variants.sku, "SELL-2"));
    expect(await range(id)).toEqual({ lo: 30_000, hi: 30_000 });
    await t.db.update(variants).set({ price: null }).where(eq(variants.sku, "SELL-1"));
    expect(await range(id)).toEqual({ lo: null, hi: null });
    await t.db.update(variants).set({ active: true }).where(eq(variants.sku, "SELL-4"));
    expect(await range(id)).toEqual({ lo: 1_000, hi: 1_000 });
  });

  it("is right when two transactions add variants to one product at once", async () => {
    const id = await newProduct();
    let firstInserted!: () => void;
    const inserted = new Promise<void>((r) => (firstInserted = r));
    let releaseFirst!: () => void;
    const release = new Promise<void>((r) => (releaseFirst = r));
    const first = t.db.transaction(async (tx) => {
      await tx.insert(variants).values({ productId: id, sku: "RACE-HI", price: 100_000 });
      firstInserted();
      await release; // holds the product's lock while the second one computes its range
    });
    await inserted;
    const second = t.db.transaction((tx) => tx.insert(variants).values({ productId: id, sku: "RACE-LO", price: 10_000 }));
    await new Promise((r) => setTimeout(r, 200));
    releaseFirst();
    await Promise.all([first, second]);
    expect(await range(id)).toEqual({ lo: 10_000, hi: 100_000 });
  });

  it("is removed with its product", async () => {
    const id = await newProduct();
    await t.db.insert(variants).values({ productId: id, sku: "GONE-1", price: 1_000 });
    await t.db.delete(products).where(eq(products.id, id));
    expect(await t.db.select().from(variants).where(eq(variants.sku, "GONE-1"))).toEqual([]);
  });
});

describe("getSeller", () => {
  it("gives a seller or the retailer's store", async () => {
    expect(await getSeller(t.db, await sellerId("SmartHome Lab"))).toEqual({
      id: expect.any(String),
      name: "스마트홈랩",
      nameEn: "SmartHome Lab",
      kind: "marketplace",
    });
    expect((await getSeller(t.db, await sellerId("Hub Direct"))).kind).toBe("retailer");
  });

  it("answers NotFound for a dealer, marketing, an unknown id or not an id", async () => {
    const ids = [await sellerId("Gangnam Mobile Agency"), await sellerId("Marketing Division"), "00000000-0000-4000-8000-000000000000", "x"];
    for (const id of ids) await expect(getSeller(t.db, id)).rejects.toBeInstanceOf(NotFound);
  });
});
