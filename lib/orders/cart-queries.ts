import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  cartItems,
  locations,
  optionGroups,
  optionValues,
  orders,
  organisations,
  products,
  regions,
  stockLevels,
  variantOptionValues,
  variants,
} from "@/db/schema";
import type { ShippingAddress } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { SHIPPING_SOURCE_KINDS } from "./plan-order";
import type { SourceCandidate } from "./suggest-source";
import { locationRef, type LocationRef } from "./view";

/** The regions a shipping address may name, for the checkout form. */
export const SHIPPING_REGIONS = regions;

export type CartLine = {
  variantId: string;
  sku: string;
  productId: string;
  productName: string;
  productNameEn: string;
  /** The variant's option values, e.g. "아이시블루 / 256GB". */
  optionsLabel: string;
  optionsLabelEn: string;
  price: number;
  quantity: number;
  lineTotal: number;
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  sellerKind: "retailer" | "seller";
  /** False when the product is no longer on sale: it stays in the cart but cannot be ordered. */
  orderable: boolean;
};
export type Cart = { lines: CartLine[]; total: number; count: number };

/** The signed-in customer's cart, oldest line first, priced at today's prices. */
export async function getCart(tx: Tx | Db, actor: Actor | null): Promise<Cart> {
  const customer = requireUser(actor, "cart:use");
  const labels = (col: typeof optionValues.valueKo | typeof optionValues.valueEn) => sql<string>`coalesce((
      select string_agg(${col}, ' / ' order by ${optionGroups.position})
      from ${variantOptionValues}
      join ${optionValues} on ${optionValues.id} = ${variantOptionValues.optionValueId}
      join ${optionGroups} on ${optionGroups.id} = ${optionValues.groupId}
      where ${variantOptionValues.variantId} = ${variants.id}), '')`;
  const rows = await tx
    .select({
      variantId: variants.id,
      sku: variants.sku,
      productId: products.id,
      productName: products.nameKo,
      productNameEn: products.nameEn,
      optionsLabel: labels(optionValues.valueKo),
      optionsLabelEn: labels(optionValues.valueEn),
      price: variants.price,
      active: variants.active,
      quantity: cartItems.quantity,
      sellerId: organisations.id,
      sellerName: organisations.name,
      sellerNameEn: organisations.nameEn,
      orgKind: organisations.kind,
      status: products.status,
      type: products.type,
    })
    .from(cartItems)
    .innerJoin(variants, eq(variants.id, cartItems.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(eq(cartItems.userId, customer.id))
    .orderBy(asc(cartItems.addedAt), asc(variants.sku));
  const lines = rows.map(({ orgKind, status, type, active, price, ...r }) => ({
    ...r,
    price: price ?? 0,
    lineTotal: (price ?? 0) * r.quantity,
    sellerKind: orgKind === "retailer" ? ("retailer" as const) : ("seller" as const),
    // A product paused (or a variant retired) while in the cart stays in it, shown as unavailable.
    orderable: status === "on_sale" && type === "stock" && active && price !== null,
  }));
  return {
    lines,
    total: lines.filter((l) => l.orderable).reduce((s, l) => s + l.lineTotal, 0),
    count: lines.reduce((s, l) => s + l.quantity, 0),
  };
}

export type SellerShipment = {
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  warehouse: LocationRef | null;
  lines: { variantId: string; requested: number; available: number }[];
};

/**
 * What the checkout page needs: the cart, every center and hub with what it can give of each of the
 * retailer's lines (the page computes estimates and the suggestion for the chosen region with the pure
 * rules), each marketplace seller's warehouse with its availability, and the last address used.
 */
export async function checkoutData(tx: Tx | Db, actor: Actor | null) {
  const customer = requireUser(actor, "order:place");
  const cart = await getCart(tx, customer);
  const orderable = cart.lines.filter((l) => l.orderable);
  const retailerLines = orderable.filter((l) => l.sellerKind === "retailer");
  const sellerIds = [...new Set(orderable.filter((l) => l.sellerKind !== "retailer").map((l) => l.sellerId))];
  const variantIds = orderable.map((l) => l.variantId);
  const [locs, stock, [last]] = await Promise.all([
    tx
      .select()
      .from(locations)
      .where(
        or(
          inArray(locations.kind, SHIPPING_SOURCE_KINDS),
          sellerIds.length
            ? and(eq(locations.kind, "seller_warehouse"), inArray(locations.operatorId, sellerIds))
            : undefined,
        ),
      )
      .orderBy(asc(locations.code)),
    variantIds.length
      ? tx
          .select({
            locationId: stockLevels.locationId,
            variantId: stockLevels.variantId,
            available: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
          })
          .from(stockLevels)
          .where(inArray(stockLevels.variantId, variantIds))
      : Promise.resolve([]),
    tx
      .select({ address: orders.shippingAddress })
      .from(orders)
      .where(eq(orders.customerId, customer.id))
      .orderBy(desc(orders.createdAt))
      .limit(1),
  ]);
  const avail = new Map(stock.map((s) => [`${s.locationId}:${s.variantId}`, s.available]));
  const candidates: SourceCandidate[] = retailerLines.length
    ? locs
        .filter((l) => SHIPPING_SOURCE_KINDS.includes(l.kind))
        .map((l) => ({
          ...locationRef(l),
          locationId: l.id,
          lines: retailerLines.map((line) => ({
            variantId: line.variantId,
            requested: line.quantity,
            available: avail.get(`${l.id}:${line.variantId}`) ?? 0,
          })),
        }))
    : [];
  const sellers: SellerShipment[] = sellerIds.map((sellerId) => {
    const lines = orderable.filter((l) => l.sellerId === sellerId);
    const wh = locs.find((l) => l.kind === "seller_warehouse" && l.operatorId === sellerId);
    return {
      sellerId,
      sellerName: lines[0]!.sellerName,
      sellerNameEn: lines[0]!.sellerNameEn,
      warehouse: wh ? locationRef(wh) : null,
      lines: lines.map((line) => ({
        variantId: line.variantId,
        requested: line.quantity,
        available: wh ? (avail.get(`${wh.id}:${line.variantId}`) ?? 0) : 0,
      })),
    };
  });
  return { cart, candidates, sellers, lastAddress: (last?.address ?? null) as ShippingAddress | null };
}
