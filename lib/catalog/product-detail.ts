import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  optionGroups,
  optionValues,
  organisations,
  productStatusEvents,
  users,
  variantOptionValues,
  variants,
} from "@/db/schema";
import type { ProductRow } from "./product-access";
import type { ProductStatus } from "./lifecycle";

/** A seller's product as its seller and marketing see it (the API contract `GET /api/seller-products/{id}`). */
export type SellerProductDetail = {
  id: string;
  nameKo: string;
  nameEn: string;
  category: ProductRow["category"];
  type: ProductRow["type"];
  brand: string;
  descriptionKo: string;
  descriptionEn: string;
  status: ProductStatus;
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  updatedAt: string;
  options: {
    id: string;
    code: string;
    nameKo: string;
    nameEn: string;
    values: { id: string; valueKo: string; valueEn: string }[];
  }[];
  variants: {
    id: string;
    sku: string;
    price: number | null;
    optionValueIds: string[];
    active: boolean;
    labelKo: string;
    labelEn: string;
  }[];
  history: {
    from: ProductStatus | null;
    to: ProductStatus;
    at: string;
    actorId: string | null;
    actorName: string | null;
    reason: string | null;
  }[];
};

/** What a review compares: the content of a product, without ids that change nothing for a customer. */
export type ProductSnapshot = Pick<
  SellerProductDetail,
  "nameKo" | "nameEn" | "category" | "type" | "brand" | "descriptionKo" | "descriptionEn"
> & {
  options: { nameKo: string; nameEn: string; values: string[] }[];
  variants: { sku: string; label: string; price: number | null; active: boolean }[];
};

export function snapshotOf(p: SellerProductDetail): ProductSnapshot {
  return {
    nameKo: p.nameKo,
    nameEn: p.nameEn,
    category: p.category,
    type: p.type,
    brand: p.brand,
    descriptionKo: p.descriptionKo,
    descriptionEn: p.descriptionEn,
    options: p.options.map((g) => ({
      nameKo: g.nameKo,
      nameEn: g.nameEn,
      values: g.values.map((v) => `${v.valueKo} / ${v.valueEn}`),
    })),
    variants: p.variants.map((v) => ({ sku: v.sku, label: v.labelEn, price: v.price, active: v.active })),
  };
}

export async function productDetail(db: Db | Tx, product: ProductRow): Promise<SellerProductDetail> {
  const [groups, variantRows, history, [seller]] = await Promise.all([
    db
      .select({
        id: optionGroups.id,
        code: optionGroups.code,
        nameKo: optionGroups.nameKo,
        nameEn: optionGroups.nameEn,
        valueId: optionValues.id,
        valueKo: optionValues.valueKo,
        valueEn: optionValues.valueEn,
      })
      .from(optionGroups)
      .innerJoin(
        optionValues,
        and(eq(optionValues.groupId, optionGroups.id), eq(optionValues.archived, false)),
      )
      .where(and(eq(optionGroups.productId, product.id), eq(optionGroups.archived, false)))
      .orderBy(asc(optionGroups.position), asc(optionValues.position)),
    db
      .select({
        id: variants.id,
        sku: variants.sku,
        price: variants.price,
        active: variants.active,
        valueIds: sql<
          string[]
        >`coalesce(array_agg(${variantOptionValues.optionValueId}::text order by ${optionGroups.position}) filter (where ${variantOptionValues.optionValueId} is not null), '{}')`,
        labelKo: sql<string>`coalesce(string_agg(${optionValues.valueKo}, ' / ' order by ${optionGroups.position}), '')`,
        labelEn: sql<string>`coalesce(string_agg(${optionValues.valueEn}, ' / ' order by ${optionGroups.position}), '')`,
        order: sql<string>`coalesce(string_agg(lpad(${optionGroups.position}::text, 2, '0') || lpad(${optionValues.position}::text, 3, '0'), '' order by ${optionGroups.position}), '')`,
      })
      .from(variants)
      .leftJoin(variantOptionValues, eq(variantOptionValues.variantId, variants.id))
      .leftJoin(optionValues, eq(optionValues.id, variantOptionValues.optionValueId))
      .leftJoin(optionGroups, eq(optionGroups.id, optionValues.groupId))
      .where(eq(variants.productId, product.id))
      .groupBy(variants.id),
    db
      .select({
        from: productStatusEvents.fromStatus,
        to: productStatusEvents.toStatus,
        at: productStatusEvents.createdAt,
        actorId: productStatusEvents.actorUserId,
        actorName: users.name,
        reason: productStatusEvents.reason,
      })
      .from(productStatusEvents)
      .leftJoin(users, eq(users.id, productStatusEvents.actorUserId))
      .where(eq(productStatusEvents.productId, product.id))
      .orderBy(asc(productStatusEvents.createdAt), asc(productStatusEvents.id)),
    db
      .select({ name: organisations.name, nameEn: organisations.nameEn })
      .from(organisations)
      .where(eq(organisations.id, product.sellerId)),
  ]);
  const options: SellerProductDetail["options"] = [];
  for (const r of groups) {
    let g = options.find((o) => o.id === r.id);
    if (!g) options.push((g = { id: r.id, code: r.code, nameKo: r.nameKo, nameEn: r.nameEn, values: [] }));
    g.values.push({ id: r.valueId, valueKo: r.valueKo, valueEn: r.valueEn });
  }
  // Active variants in option order first, then the retired ones.
  variantRows.sort(
    (a, b) =>
      Number(b.active) - Number(a.active) || a.order.localeCompare(b.order) || a.sku.localeCompare(b.sku),
  );
  return {
    id: product.id,
    nameKo: product.nameKo,
    nameEn: product.nameEn,
    category: product.category,
    type: product.type,
    brand: product.brand,
    descriptionKo: product.descriptionKo,
    descriptionEn: product.descriptionEn,
    status: product.status,
    sellerId: product.sellerId,
    sellerName: seller?.name ?? "",
    sellerNameEn: seller?.nameEn ?? "",
    updatedAt: product.updatedAt.toISOString(),
    options,
    variants: variantRows.map(({ valueIds, order: _order, ...v }) => ({ ...v, optionValueIds: valueIds })),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

/** The snapshot taken at the last time this product was submitted and then decided (approved or sent back). */
export async function lastReviewedSnapshot(db: Db | Tx, productId: string): Promise<ProductSnapshot | null> {
  const [row] = await db
    .select({ snapshot: productStatusEvents.snapshot })
    .from(productStatusEvents)
    .where(
      and(eq(productStatusEvents.productId, productId), inArray(productStatusEvents.toStatus, ["in_review"])),
    )
    .orderBy(desc(productStatusEvents.createdAt), desc(productStatusEvents.id))
    .offset(1)
    .limit(1);
  return (row?.snapshot as ProductSnapshot | null | undefined) ?? null;
}
