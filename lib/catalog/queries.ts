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
import { idOrNotFound } from "@/lib/validation";
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

/** The retailer's own store and the marketplace sellers (dealers and marketing sell nothing). */
export async function listSellers(db: Reader): Promise<Seller[]> {
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      nameEn: organisations.nameEn,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(inArray(organisations.kind, ["retailer", "seller"]))
    .orderBy(sql`${organisations.kind} = 'seller'`, asc(organisations.name));
  return rows.map((r) => ({ ...r, kind: r.kind === "retailer" ? "retailer" : "marketplace" }));
}

/** `%`, `_` and `\` are LIKE wildcards/escape: a customer searching "100%" means the characters. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Every word must be in the Korean or the English name ("galaxy ultra", "갤럭시 s25"). */
function searchCondition(q: string | undefined): SQL | undefined {
  const words = (q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((w) => or(ilike(products.nameKo, likePattern(w)), ilike(products.nameEn, likePattern(w)))),
  );
}

/** On-sale products, newest categories first: phones, tablets, …, each by price (flagships first). */
export async function listProducts(db: Reader, raw: unknown): Promise<ProductPage> {
  const input = ProductListQuery.parse(raw);
  const where = and(
    eq(products.status, "on_sale"),
    input.type ? eq(products.type, input.type) : undefined,
    input.category ? eq(products.category, input.category) : undefined,
    searchCondition(input.q),
  );
  const maxPrice = sql<number>`(select max(${variants.price}) from ${variants} where ${variants.productId} = ${products.id} and ${isSellable})`;
  const [[counted], rows] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .where(where),
    db
      .select(productColumns)
      .from(products)
      .where(where)
      .orderBy(asc(products.category), sql`${maxPrice} desc nulls last`, asc(products.id))
      .limit(PAGE_SIZE)
      .offset((input.page - 1) * PAGE_SIZE),
  ]);
  const items = await withVariants(db, rows);
  return { items, total: counted?.n ?? 0, page: input.page, pageSize: PAGE_SIZE };
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

const productColumns = {
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
