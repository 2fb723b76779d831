import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  optionGroups,
  optionValues,
  organisations,
  products,
  variantOptionValues,
  variants,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isOwnOrganisation } from "@/lib/auth/policy";
import { NotFound } from "@/lib/errors";
import { Id, idOrNotFound } from "@/lib/validation";
import { gramFrequencies, searchKeys } from "./gram-rarity";
import { imagesOfProducts } from "./image-queries";
import { isSellable, sellablePrice } from "./sellable";
import {
  PAGE_SIZE,
  ProductListQuery,
  type OptionGroup,
  type ProductDetail,
  type ProductPage,
  type ProductSummary,
  type Seller,
  type Variant,
} from "./schemas";

type Reader = Db | Tx;

const productNotFound = () => new NotFound("product.not_found", "No such product.");

/** A storefront's columns: the retailer's own store or a marketplace seller (dealers and marketing sell nothing). */
const storefront = {
  id: organisations.id,
  name: organisations.name,
  nameEn: organisations.nameEn,
  kind: organisations.kind,
};
const sells = inArray(organisations.kind, ["retailer", "seller"]);
const asSeller = (r: { id: string; name: string; nameEn: string; kind: string }): Seller => ({
  ...r,
  kind: r.kind === "retailer" ? "retailer" : "marketplace",
});

/** The retailer's own store and the marketplace sellers. */
export async function listSellers(db: Reader): Promise<Seller[]> {
  const rows = await db
    .select(storefront)
    .from(organisations)
    .where(sells)
    .orderBy(sql`${organisations.kind} = 'seller'`, asc(organisations.name));
  return rows.map(asSeller);
}

/** `%`, `_` and `\` are LIKE wildcards/escape: a customer searching "100%" means the characters. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The words of a query, as the search matches them: at most 8, split on any whitespace. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
}

/**
 * Every word must be in the Korean or the English name ("galaxy ultra", "갤럭시 s25"), as a substring:
 * `보조` finds 보조배터리. The GIN index on the names' 1- and 2-character grams finds the candidates
 * (a one-character word by itself, a longer one by all its bigrams); ILIKE then keeps the exact
 * substrings. docs/decisions/0008-korean-partial-search.md. The shop and the seller centre's list both
 * search with it.
 */
export function searchCondition(
  q: string | undefined,
  keysOf: (word: string) => SQL = (w) => sql`(select hub_search_keys(${w}::text))`,
): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((w) => {
      // A subquery: its keys are computed once per query (an InitPlan), not once per row scanned.
      const grams = sql`${products.searchGrams} @> ${keysOf(w)}`;
      return gramsAreExact(w)
        ? grams
        : and(grams, or(ilike(products.nameKo, likePattern(w)), ilike(products.nameEn, likePattern(w))));
    }),
  );
}

/**
 * A word of one or two Hangul syllables, Latin letters or digits is its own search key, and a name
 * holds that gram exactly when a word of the name contains it (a query word has no whitespace, so it
 * never spans two words of the name): the gram test is then the whole answer, and the ILIKE recheck
 * (the costly part of a broad search such as `충`) is left out. Longer words, and any other characters
 * (whose lower-casing might change their length), keep the recheck.
 */
export function gramsAreExact(word: string): boolean {
  return /^[\p{Script=Hangul}A-Za-z0-9]{1,2}$/u.test(word);
}

/**
 * Counting stops here: past it the shop says "1,000+" (`totalCapped`), so a broad search or the whole
 * catalog costs a bounded count, not a scan of every match.
 */
export const COUNT_CAP = 1000;

/** On-sale products, categories in order (phones, tablets, …), each by price (flagships first). */
export async function listProducts(db: Reader, raw: unknown): Promise<ProductPage> {
  const input = ProductListQuery.parse(raw);
  const filters = and(
    eq(products.status, "on_sale"),
    input.type ? eq(products.type, input.type) : undefined,
    input.category ? eq(products.category, input.category) : undefined,
    input.seller ? eq(products.sellerId, input.seller) : undefined,
  )!;
  const offset = (input.page - 1) * PAGE_SIZE;
  const page =
    input.q && searchWords(input.q).length > 0
      ? await searchPage(db, filters, input.q, input, offset)
      : listingPage(db, filters, offset);
  // The page's variants are read as soon as its rows are in, while the count may still be running:
  // a listing costs the longer of the two, not their sum.
  const [n, items] = await Promise.all([page.n, page.rows.then((rows) => withVariants(db, rows))]);
  return {
    items,
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    page: input.page,
    pageSize: PAGE_SIZE,
  };
}

/** A page's rows and its capped count, two statements under way side by side. */
type Counted = { n: Promise<number>; rows: Promise<ProductRow[]> };

/**
 * A listing without words: the page in the order of the listing indexes on products (status, [type,]
 * category, price_max desc, id), read 20 rows deep, and the capped count beside it.
 */
function listingPage(db: Reader, where: SQL, offset: number): Counted {
  const n = db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`(select 1 from ${products} where ${where} limit ${sql.raw(String(COUNT_CAP + 1))}) as capped`)
    .then(([counted]) => counted?.n ?? 0);
  const rows = db
    .select(productColumns)
    .from(products)
    .where(where)
    .orderBy(asc(products.category), sql`${products.priceMax} desc nulls last`, asc(products.id))
    .limit(PAGE_SIZE)
    .offset(offset)
    .then((r) => r);
  return { n, rows };
}

type MatchedRow = {
  id: string;
  name_ko: string;
  name_en: string;
  brand: string;
  category: ProductRow["category"];
  type: ProductRow["type"];
  status: ProductRow["status"];
  seller_id: string;
};

/**
 * A search, without collecting every match (docs/decisions/0008-korean-partial-search.md, point 5).
 * The query's keys (each word's grams, as hub_search_keys makes them) are ranked by how common they
 * are (gram-rarity.ts: PostgreSQL's own statistics of the postings, a hint that never changes the
 * answer). The rarest key's postings (product_search_grams) are then walked in the listing's order —
 * category, the dearest first, id: the btree's own order, so no sort — with the filters the postings
 * carry checked in the index and the second rarest key's postings (hashed, index only) as a first
 * sieve, so that a common bigram in the categories listed first (`ba` of "Band" before `bank`'s
 * accessories) costs no visit to products; each product on the way is then rechecked against the
 * whole condition (`where`: every word's grams and, for a long word, its ILIKE). The page stops at its
 * last row; the count (below), a statement of its own run beside it, at COUNT_CAP + 1. A match has
 * every gram of every word, the rarest among them, so the walk finds exactly the matches, and in the
 * order of the listing.
 */
async function searchPage(
  db: Reader,
  filtered: SQL,
  q: string,
  filters: { type?: string; category?: string; seller?: string },
  offset: number,
): Promise<Counted> {
  const words = searchWords(q);
  const where = and(filtered, searchCondition(q))!;
  const frequencies = await gramFrequencies(db);
  const hints = searchKeys(words);
  const list = (values: SQL[]) => sql.join(values, sql`, `);
  const hinted = sql`unnest(
        array[${list(hints.map((k) => sql`${k}::text`))}],
        array[${list(hints.map((k) => sql`${frequencies.get(k) ?? 0}::float8`))}]
      ) as h(gram, freq)`;
  // A long word's count needs no more of its grams than its two rarest to find the candidates: its
  // ILIKE is the exact test, and each gram the GIN index intersects costs a posting list read whole.
  const rarestTwo = (w: string) => sql`(select array(
      select k from unnest(hub_search_keys(${w}::text)) as k left join ${hinted} on h.gram = k
      order by coalesce(h.freq, 0), k limit 2))`;
  const ranked = sql`
    with ranked as (
      select k.gram, row_number() over (order by coalesce(h.freq, 0), k.gram) as r
      from (
        select distinct unnest(hub_search_keys(w)) as gram
        from unnest(array[${list(words.map((w) => sql`${w}::text`))}]) as w
      ) k
      left join ${hinted} on h.gram = k.gram
    ),
    rarest as (select gram from ranked where r = 1),
    second as (select gram from ranked where r = 2)`;
  const postingsFilter = and(
    sql`g.status = 'on_sale'`,
    filters.type ? sql`g.type = ${filters.type}::product_type` : undefined,
    filters.category ? sql`g.category = ${filters.category}::product_category` : undefined,
    filters.seller ? sql`g.seller_id = ${filters.seller}::uuid` : undefined,
  )!;
  // The count. Words whose grams are exactly the condition (gramsAreExact: one or two letters, the word
  // is its own key) are counted in the postings alone, without visiting the products: the rarest key's
  // postings that also hold every other key (each other key's postings hashed once, index only). Longer words need
  // their ILIKE on the names, so the matches are counted through the GIN index of the grams, then
  // the heap, up to the cap (a bitmap visits each page once; the walk would visit one product per
  // posting).
  const exactKeys = words.every(gramsAreExact) ? [...new Set(words.map((w) => w.toLowerCase()))] : null;
  const counted = exactKeys
    ? sql`${ranked}
    select 1 from product_search_grams g
    where g.gram = (select gram from rarest) and ${postingsFilter}${
      exactKeys.length > 1
        ? sql` and ${and(
            ...exactKeys.map(
              (k) => sql`(${k}::text = (select gram from rarest) or g.product_id in (
                select o.product_id from product_search_grams o where o.gram = ${k}::text
              ))`,
            ),
          )}`
        : sql``
    }`
    : sql`select 1 from ${products} where ${and(filtered, searchCondition(q, rarestTwo))}`;
  const n = db
    .execute<{ n: number }>(
      sql`select count(*)::int as n from (${counted} limit ${sql.raw(String(COUNT_CAP + 1))}) x`,
    )
    .then((r) => [...r][0]?.n ?? 0);
  const rows = db
    .execute<MatchedRow>(
      sql`${ranked}
    select m.*
    from product_search_grams g
    cross join lateral (
      select ${products.id} as id, ${products.nameKo} as name_ko, ${products.nameEn} as name_en,
        ${products.brand} as brand, ${products.category} as category, ${products.type} as type,
        ${products.status} as status, ${products.sellerId} as seller_id
      from ${products} where ${products.id} = g.product_id and ${where}
      offset 0
    ) m
    where g.gram = (select gram from rarest) and ${postingsFilter}
      and ((select gram from second) is null or g.product_id in (
        select o.product_id from product_search_grams o where o.gram = (select gram from second)
      ))
    order by g.category, g.price_max desc nulls last, g.product_id
    limit ${sql.raw(String(PAGE_SIZE))} offset ${offset}::int`,
    )
    .then((r) =>
      [...r].map((m) => ({
        id: m.id,
        nameKo: m.name_ko,
        nameEn: m.name_en,
        brand: m.brand,
        category: m.category,
        type: m.type,
        status: m.status,
        sellerId: m.seller_id,
      })),
    );
  return { n, rows };
}

/** A seller's storefront: the retailer's own store or a marketplace seller; anything else NotFound. */
export async function getSeller(db: Reader, id: string): Promise<Seller> {
  if (!Id.safeParse(id).success) throw sellerNotFound();
  const [row] = await db
    .select(storefront)
    .from(organisations)
    .where(and(eq(organisations.id, id), sells));
  if (!row) throw sellerNotFound();
  return asSeller(row);
}

const sellerNotFound = () => new NotFound("seller.not_found", "No such seller.");

/** These products as the shop lists them, in the order of `ids`; ids not on sale are left out. */
export async function onSaleSummaries(db: Reader, ids: string[]): Promise<ProductSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(productColumns)
    .from(products)
    .where(and(inArray(products.id, ids), eq(products.status, "on_sale")));
  const byId = new Map((await withVariants(db, rows)).map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * One product. Anyone sees an on-sale product; the staff of the seller that owns it also see it in
 * any other state (to preview a draft). Everything else is NotFound, as if it did not exist.
 */
export async function getProduct(db: Reader, actor: Actor | null, id: string): Promise<ProductDetail> {
  idOrNotFound(id, productNotFound);
  const [row] = await db
    .select({
      ...productColumns,
      descriptionKo: products.descriptionKo,
      descriptionEn: products.descriptionEn,
      sellerName: organisations.name,
      sellerNameEn: organisations.nameEn,
      sellerKind: organisations.kind,
    })
    .from(products)
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(eq(products.id, id));
  const visible =
    row && (row.status === "on_sale" || (actor !== null && isOwnOrganisation(actor, row.sellerId)));
  if (!row || !visible) throw productNotFound();
  const { sellerName, sellerNameEn, sellerKind, descriptionKo, descriptionEn, ...base } = row;
  const [summary] = await withVariants(db, [base]);
  return {
    ...summary!,
    descriptionKo,
    descriptionEn,
    seller: {
      id: row.sellerId,
      name: sellerName,
      nameEn: sellerNameEn,
      kind: sellerKind === "retailer" ? "retailer" : "marketplace",
    },
  };
}

/** A product's columns as lists show it (the shop's and the seller centre's). */
export const productColumns = {
  id: products.id,
  nameKo: products.nameKo,
  nameEn: products.nameEn,
  brand: products.brand,
  category: products.category,
  type: products.type,
  status: products.status,
  sellerId: products.sellerId,
};
type ProductRow = { [K in keyof typeof productColumns]: (typeof products.$inferSelect)[K] };

/**
 * Option groups and variants for a whole page of products in two queries (not one per product).
 * Variants come in option order (first colour's storages, then the next colour's…).
 */
async function withVariants(db: Reader, rows: ProductRow[]): Promise<ProductSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [valueRows, variantRows, imagesByProduct] = await Promise.all([
    db
      .select({
        productId: optionGroups.productId,
        groupId: optionGroups.id,
        code: optionGroups.code,
        groupKo: optionGroups.nameKo,
        groupEn: optionGroups.nameEn,
        valueId: optionValues.id,
        valueKo: optionValues.valueKo,
        valueEn: optionValues.valueEn,
      })
      .from(optionGroups)
      .leftJoin(optionValues, eq(optionValues.groupId, optionGroups.id))
      .where(inArray(optionGroups.productId, ids))
      .orderBy(
        asc(optionGroups.position),
        asc(optionGroups.id),
        asc(optionValues.position),
        asc(optionValues.id),
      ),
    db
      .select({
        productId: variants.productId,
        id: variants.id,
        sku: variants.sku,
        price: sellablePrice,
        valueId: variantOptionValues.optionValueId,
      })
      .from(variants)
      .leftJoin(variantOptionValues, eq(variantOptionValues.variantId, variants.id))
      .where(and(inArray(variants.productId, ids), isSellable))
      .orderBy(asc(variants.sku)),
    imagesOfProducts(db, ids),
  ]);

  const groupsByProduct = new Map<string, OptionGroup[]>();
  // Where each value sits: its group's code and order, and its own order within the group.
  const valueInfo = new Map<
    string,
    { code: string; groupIndex: number; valueIndex: number; valueKo: string; valueEn: string }
  >();
  for (const r of valueRows) {
    const groups = groupsByProduct.get(r.productId) ?? [];
    groupsByProduct.set(r.productId, groups);
    let group = groups.find((g) => g.id === r.groupId);
    if (!group) {
      group = { id: r.groupId, code: r.code, nameKo: r.groupKo, nameEn: r.groupEn, values: [] };
      groups.push(group);
    }
    if (r.valueId && r.valueKo !== null && r.valueEn !== null) {
      group.values.push({ id: r.valueId, valueKo: r.valueKo, valueEn: r.valueEn });
      valueInfo.set(r.valueId, {
        code: r.code,
        groupIndex: groups.length - 1,
        valueIndex: group.values.length - 1,
        valueKo: r.valueKo,
        valueEn: r.valueEn,
      });
    }
  }

  const variantsByProduct = new Map<string, Map<string, Variant>>();
  for (const r of variantRows) {
    const byId = variantsByProduct.get(r.productId) ?? new Map<string, Variant>();
    variantsByProduct.set(r.productId, byId);
    let v = byId.get(r.id);
    if (!v) {
      v = { id: r.id, sku: r.sku, price: r.price, options: {}, optionsKo: {}, optionValueIds: [] };
      byId.set(r.id, v);
    }
    const info = r.valueId ? valueInfo.get(r.valueId) : undefined;
    if (r.valueId && info) {
      v.optionValueIds.push(r.valueId);
      v.options[info.code] = info.valueEn;
      v.optionsKo[info.code] = info.valueKo;
    }
  }

  const orderKey = (v: Variant) =>
    v.optionValueIds
      .map((id) => valueInfo.get(id)!)
      .sort((a, b) => a.groupIndex - b.groupIndex)
      .map((i) => i.valueIndex);
  const compare = (a: Variant, b: Variant) => {
    const ka = orderKey(a);
    const kb = orderKey(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const d = (ka[i] ?? -1) - (kb[i] ?? -1);
      if (d !== 0) return d;
    }
    return a.sku.localeCompare(b.sku);
  };

  return rows.map((p) => {
    const vs = [...(variantsByProduct.get(p.id)?.values() ?? [])].sort(compare);
    for (const v of vs) v.optionValueIds = orderedValueIds(v, valueInfo);
    return {
      ...p,
      name: p.nameKo,
      priceFrom: vs.length ? Math.min(...vs.map((v) => v.price)) : 0,
      optionGroups: groupsByProduct.get(p.id) ?? [],
      variants: vs,
      images: imagesByProduct.get(p.id) ?? [],
    };
  });
}

function orderedValueIds(v: Variant, info: Map<string, { groupIndex: number }>): string[] {
  return [...v.optionValueIds].sort((a, b) => info.get(a)!.groupIndex - info.get(b)!.groupIndex);
}
