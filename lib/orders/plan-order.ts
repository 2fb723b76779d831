import { prepared } from "@/db/raw";
import type { Db, Tx } from "@/db/client";
import { Conflict, Invalid } from "@/lib/errors";
import type { LocationKind } from "./eta";
import { uuidv7 } from "@/lib/ids";
import type { PlaceOrderInput } from "./schemas";
import type { LocationRef } from "./view";

/** The kinds of location a customer may choose for the retailer's own items. */
export const SHIPPING_SOURCE_KINDS: LocationKind[] = ["logistics_center", "org_hub", "dealer_hub"];

/** Amounts are int4 KRW in the database; an order stays well inside it. */
export const MAX_ORDER_TOTAL = 2_000_000_000;

export type PlannedLine = {
  variantId: string;
  sku: string;
  productName: string;
  productNameEn: string;
  price: number;
  quantity: number;
  sellerOrderId: string;
};

export type PlannedPart = {
  id: string;
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  source: LocationRef;
  subtotal: number;
  lines: PlannedLine[];
};

export type OrderPlan = {
  parts: PlannedPart[];
  total: number;
  shippingFee: number;
  sourceLocationId: string | null;
};

type VariantRow = {
  id: string;
  sku: string;
  price: number | null;
  active: boolean;
  type: "stock" | "reservation";
  status: string;
  productId: string;
  nameKo: string;
  nameEn: string;
  sellerId: string;
  sellerKind: string;
  sellerName: string;
  sellerNameEn: string;
};
type LocationRow = LocationRef & { operatorId: string; stock: Record<string, number> };

/** A 409 naming the item and the source, with every short line in `short`. */
export class InsufficientStockAtSource extends Conflict {
  constructor(
    short: {
      variantId: string;
      sku: string;
      locationId: string;
      locationCode: string;
      locationName: string;
      available: number;
      requested: number;
    }[],
  ) {
    const first = short[0]!;
    super(
      "order.insufficient_stock",
      `Only ${Math.max(0, first.available)} of ${first.sku} available at ${first.locationCode} (${first.requested} requested).`,
      { ...first, short },
    );
  }
}

export type UnavailableLine = {
  variantId: string;
  sku: string;
  productId: string;
  productName: string;
  productNameEn: string;
  /** Not `status`: the problem+json body already has one (the HTTP status). */
  productStatus: string;
  /** False when the product is on sale but this variant is not sold: retired by the seller, or without a price. */
  variantAvailable: boolean;
};

/**
 * A 409 naming the first line that is not sold: its product is not on sale (paused, discontinued…) or its
 * variant is retired or has no price; every such line in `unavailable`. Raised by the lock-free plan and
 * again inside the placement transaction.
 */
export class ProductUnavailable extends Conflict {
  constructor(unavailable: UnavailableLine[]) {
    const first = unavailable[0]!;
    super("order.product_unavailable", `${first.productNameEn} (${first.sku}) is not on sale.`, {
      ...first,
      unavailable,
    });
  }
}

/**
 * One round trip: the ordered variants with their product and seller, and the chosen source plus every
 * seller warehouse with the committed availability (on hand − reserved) of those variants.
 */
const PLAN_SQL = `
  select
    (select json_agg(json_build_object(
       'id', v.id, 'sku', v.sku, 'price', v.price, 'active', v.active, 'type', p.type, 'status', p.status,
       'productId', p.id, 'nameKo', p.name_ko, 'nameEn', p.name_en,
       'sellerId', p.seller_id, 'sellerKind', o.kind, 'sellerName', o.name, 'sellerNameEn', o.name_en))
     from variants v join products p on p.id = v.product_id join organisations o on o.id = p.seller_id
     where v.id = any($1::uuid[])) as variants,
    (select json_agg(json_build_object(
       'id', l.id, 'code', l.code, 'kind', l.kind, 'name', l.name, 'nameEn', l.name_en, 'region', l.region, 'operatorId', l.operator_id,
       'stock', coalesce((select json_object_agg(s.variant_id, s.on_hand - s.reserved) from stock_levels s
                          where s.location_id = l.id and s.variant_id = any($1::uuid[])), '{}'::json)) order by l.code)
     from locations l where l.id = $2::uuid or l.kind = 'seller_warehouse') as sources`;

/**
 * Everything an order needs that does not need a lock: the lines priced from the variants, split into one
 * part per seller (the retailer's items from the chosen source, a marketplace seller's from its
 * warehouse), and a first availability check on committed stock. A line that is short here is short for
 * real at this instant, so refusing it without a lock is correct; a line that passes is checked again
 * under the lock when the order is placed.
 */
export async function planOrder(db: Tx | Db, input: PlaceOrderInput): Promise<OrderPlan> {
  const variantIds = input.items.map((i) => i.variantId);
  const [row] = await prepared<{ variants: VariantRow[] | null; sources: LocationRow[] | null }>(
    db,
    PLAN_SQL,
    [variantIds, input.sourceLocationId ?? null],
  );
  const variantRows = row?.variants ?? [];
  const locationRows = row?.sources ?? [];

  const byId = new Map(variantRows.map((v) => [v.id, v]));
  const unknown: Record<string, string> = {};
  input.items.forEach((item, i) => {
    const v = byId.get(item.variantId);
    if (!v) unknown[`items.${i}.variantId`] = "No such item.";
    else if (v.type !== "stock")
      unknown[`items.${i}.variantId`] = "This item is sold by reservation, not from stock.";
  });
  if (Object.keys(unknown).length > 0) throw new Invalid(unknown);
  // Only an on-sale product's active, priced variant is sold (a retired variant or one without a price is not).
  const unavailable = input.items
    .map((item) => byId.get(item.variantId)!)
    .filter((v) => v.status !== "on_sale" || !v.active || v.price === null)
    .map((v) => ({
      variantId: v.id,
      sku: v.sku,
      productId: v.productId,
      productName: v.nameKo,
      productNameEn: v.nameEn,
      productStatus: v.status,
      variantAvailable: v.active && v.price !== null,
    }));
  if (unavailable.length > 0) throw new ProductUnavailable(unavailable);

  const hasRetailerItems = input.items.some((i) => byId.get(i.variantId)!.sellerKind === "retailer");
  const chosen = input.sourceLocationId
    ? locationRows.find((l) => l.id === input.sourceLocationId)
    : undefined;
  if (input.sourceLocationId && (!chosen || !SHIPPING_SOURCE_KINDS.includes(chosen.kind))) {
    throw new Invalid({ sourceLocationId: "Not a logistics center or HUB that orders ship from." });
  }
  if (hasRetailerItems && !chosen)
    throw new Invalid({ sourceLocationId: "Choose where your order ships from." });

  const parts = new Map<string, PlannedPart>();
  const short: ConstructorParameters<typeof InsufficientStockAtSource>[0] = [];
  for (const item of input.items) {
    const v = byId.get(item.variantId)!;
    const source =
      v.sellerKind === "retailer"
        ? chosen!
        : locationRows.find((l) => l.kind === "seller_warehouse" && l.operatorId === v.sellerId);
    if (!source)
      throw new Conflict("order.no_warehouse", `${v.sellerNameEn} has no warehouse to ship from.`, {
        sellerId: v.sellerId,
      });
    const available = source.stock[v.id] ?? 0;
    if (available < item.quantity) {
      short.push({
        variantId: v.id,
        sku: v.sku,
        locationId: source.id,
        locationCode: source.code,
        locationName: source.name,
        available,
        requested: item.quantity,
      });
    }
    let part = parts.get(v.sellerId);
    if (!part) {
      part = {
        id: uuidv7(),
        sellerId: v.sellerId,
        sellerName: v.sellerName,
        sellerNameEn: v.sellerNameEn,
        source: {
          id: source.id,
          code: source.code,
          kind: source.kind,
          name: source.name,
          nameEn: source.nameEn,
          region: source.region,
        },
        subtotal: 0,
        lines: [],
      };
      parts.set(v.sellerId, part);
    }
    part.lines.push({
      variantId: v.id,
      sku: v.sku,
      productName: v.nameKo,
      productNameEn: v.nameEn,
      price: v.price!, // checked above: every line is priced
      quantity: item.quantity,
      sellerOrderId: part.id,
    });
    part.subtotal += v.price! * item.quantity;
  }
  const list = [...parts.values()];
  const shippingFee = 0;
  const total = list.reduce((s, p) => s + p.subtotal, 0) + shippingFee;
  if (total > MAX_ORDER_TOTAL)
    throw new Invalid({ items: "An order can total at most ₩2,000,000,000: split it." });
  if (short.length > 0) throw new InsufficientStockAtSource(short);
  return { parts: list, shippingFee, total, sourceLocationId: chosen?.id ?? null };
}
