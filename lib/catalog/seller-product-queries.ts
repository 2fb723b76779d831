import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  orderItems,
  organisations,
  products,
  productStatus,
  sellerOrders,
  stockLevels,
  variants,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { Invalid } from "@/lib/errors";
import { loadProductFor, productActorKind } from "./product-access";
import { lastReviewedSnapshot, productDetail, snapshotOf } from "./product-detail";
import { SalesQuery, SellerProductsQuery } from "./product-schemas";
import { productColumns, searchCondition } from "./queries";

export const SELLER_PAGE_SIZE = 20;
/** Seller orders that count as sold: paid and not cancelled. */
const SOLD = sql`${sellerOrders.status} not in ('pending_payment', 'payment_failed', 'cancelled')`;

export type SellerProductListItem = {
  id: string;
  nameKo: string;
  nameEn: string;
  brand: string;
  category: (typeof products.$inferSelect)["category"];
  type: (typeof products.$inferSelect)["type"];
  status: (typeof products.$inferSelect)["status"];
  sellerId: string;
  sellerName: string;
  variantCount: number;
  priceMin: number | null;
  priceMax: number | null;
  /** Units on hand minus reserved, over every location that holds them. */
  stock: number;
  unitsSold: number;
  updatedAt: string;
};

/**
 * GET /api/seller-products: a seller's own listings in every status; for marketing every seller's
 * (`status=in_review` is its review queue, oldest first so nobody waits longest).
 */
export async function listSellerProducts(
  db: Db | Tx,
  actor: Actor | null,
  raw: unknown,
): Promise<{ items: SellerProductListItem[]; total: number }> {
  const { user, kind } = productActorKind(actor);
  const input = SellerProductsQuery.parse(raw);
  const where: SQL | undefined = and(
    kind === "seller" ? eq(products.sellerId, user.organisationId!) : undefined,
    input.status ? eq(products.status, input.status) : undefined,
    input.type ? eq(products.type, input.type) : undefined,
    searchCondition(input.q),
  );
  const variantStats = sql`(select count(*)::int as n, min(v.price) as lo, max(v.price) as hi from ${variants} v where v.product_id = ${products.id} and v.active)`;
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        ...productColumns,
        sellerName: organisations.name,
        updatedAt: products.updatedAt,
        variantCount: sql<number>`(select n from ${variantStats} s)`,
        priceMin: sql<number | null>`(select lo from ${variantStats} s)`,
        priceMax: sql<number | null>`(select hi from ${variantStats} s)`,
        stock: sql<number>`coalesce((select sum(${stockLevels.onHand} - ${stockLevels.reserved}) from ${stockLevels} join ${variants} on ${variants.id} = ${stockLevels.variantId} where ${variants.productId} = ${products.id}), 0)::int`,
        unitsSold: sql<number>`coalesce((select sum(${orderItems.quantity}) from ${orderItems} join ${variants} on ${variants.id} = ${orderItems.variantId} join ${sellerOrders} on ${sellerOrders.id} = ${orderItems.sellerOrderId} where ${variants.productId} = ${products.id} and ${SOLD}), 0)::int`,
      })
      .from(products)
      .innerJoin(organisations, eq(organisations.id, products.sellerId))
      .where(where)
      .orderBy(input.status === "in_review" ? products.updatedAt : desc(products.updatedAt), products.id)
      .limit(SELLER_PAGE_SIZE)
      .offset((input.page - 1) * SELLER_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .where(where),
  ]);
  return { items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })), total: counted?.n ?? 0 };
}

/** How many listings the actor sees in each status (the status tabs of My products and the review queue). */
export async function productStatusCounts(
  db: Db | Tx,
  actor: Actor | null,
): Promise<Record<SellerProductListItem["status"], number>> {
  const { user, kind } = productActorKind(actor);
  const rows = await db
    .select({ status: products.status, n: sql<number>`count(*)::int` })
    .from(products)
    .where(kind === "seller" ? eq(products.sellerId, user.organisationId!) : undefined)
    .groupBy(products.status);
  const counts = Object.fromEntries(productStatus.enumValues.map((s) => [s, 0])) as Record<
    SellerProductListItem["status"],
    number
  >;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export type SalesReport = {
  from: string;
  to: string;
  days: { day: string; units: number; revenue: number }[];
  products: { productId: string; nameKo: string; nameEn: string; units: number; revenue: number }[];
  totals: { units: number; revenue: number };
};

/** The Seoul calendar day (`YYYY-MM-DD`) of an instant. */
const seoulDay = (date: Date) => new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A seller's sales per day and per product over a range of Seoul days (default: the last 30),
 * counted from its paid seller orders that were not cancelled. Every day of the range is listed.
 */
export async function sellerSales(
  db: Db | Tx,
  actor: Actor | null,
  raw: unknown,
  now = new Date(),
): Promise<SalesReport> {
  const { user, kind } = productActorKind(actor);
  const input = SalesQuery.parse(raw);
  const to = input.to ?? seoulDay(now);
  const from = input.from ?? addDays(to, -29);
  if (from > to) throw new Invalid({ from: "Must be on or before `to`." });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > 366)
    throw new Invalid({ from: "Ask for at most a year at a time." });
  const sellerCondition =
    kind === "seller" ? sql`and ${sellerOrders.sellerId} = ${user.organisationId}` : sql``;
  const day = sql<string>`to_char(${sellerOrders.createdAt} at time zone 'Asia/Seoul', 'YYYY-MM-DD')`;
  const range = sql`${sellerOrders.createdAt} >= (${from}::date)::timestamp at time zone 'Asia/Seoul'
    and ${sellerOrders.createdAt} < ((${to}::date + 1)::timestamp at time zone 'Asia/Seoul') ${sellerCondition} and ${SOLD}`;
  const [perDay, perProduct] = await Promise.all([
    db
      .select({
        day,
        units: sql<number>`sum(${orderItems.quantity})::int`,
        revenue: sql<number>`sum(${orderItems.quantity} * ${orderItems.price})::float8`,
      })
      .from(orderItems)
      .innerJoin(sellerOrders, eq(sellerOrders.id, orderItems.sellerOrderId))
      .where(range)
      .groupBy(day),
    db
      .select({
        productId: products.id,
        nameKo: products.nameKo,
        nameEn: products.nameEn,
        units: sql<number>`sum(${orderItems.quantity})::int`,
        revenue: sql<number>`sum(${orderItems.quantity} * ${orderItems.price})::float8`,
      })
      .from(orderItems)
      .innerJoin(sellerOrders, eq(sellerOrders.id, orderItems.sellerOrderId))
      .innerJoin(variants, eq(variants.id, orderItems.variantId))
      .innerJoin(products, eq(products.id, variants.productId))
      .where(range)
      .groupBy(products.id)
      .orderBy(sql`sum(${orderItems.quantity} * ${orderItems.price}) desc`),
  ]);
  const byDay = new Map(perDay.map((d) => [d.day, d]));
  const days: SalesReport["days"] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push({ day: d, units: byDay.get(d)?.units ?? 0, revenue: byDay.get(d)?.revenue ?? 0 });
  }
  return {
    from,
    to,
    days,
    products: perProduct,
    totals: {
      units: perProduct.reduce((s, p) => s + p.units, 0),
      revenue: perProduct.reduce((s, p) => s + p.revenue, 0),
    },
  };
}

/** GET /api/seller-products/{id}: the product with its options, variants and history. */
export async function getSellerProduct(db: Db | Tx, actor: Actor | null, id: unknown) {
  const { product } = await loadProductFor(db, actor, id);
  return productDetail(db, product);
}

/** For a review: the product now, and what it contained when it was last submitted before this time. */
export async function reviewOf(db: Db | Tx, actor: Actor | null, id: unknown) {
  const { product } = await loadProductFor(db, actor, id);
  const detail = await productDetail(db, product);
  return {
    product: detail,
    current: snapshotOf(detail),
    previous: await lastReviewedSnapshot(db, product.id),
  };
}
