import type { ShippingAddress } from "@/db/schema";
import { uuidv7 } from "@/lib/ids";
import type { OrderPlan } from "./plan-order";
import type { OrderView } from "./view";

export type NewOrder = {
  id: string;
  customerId: string;
  plan: OrderPlan;
  shippingAddress: ShippingAddress;
  createdAt: Date;
  /** The payment intent recorded before the authorization, and what the provider answered. */
  payment: { id: string; providerRef: string };
};

/**
 * Writes an order, its seller orders, items and first timeline events, and marks its payment (recorded as
 * an intent before the authorization) `authorized`, in ONE prepared statement (ids are made by the caller,
 * so nothing waits for a RETURNING): fewer round trips keep a placed order cheap. The foreign keys between
 * these rows are checked at the end of the statement. The payment is `captured` only once the provider has
 * captured it, after COMMIT (lib/orders/order-payment.ts).
 */
export const WRITE_ORDER_SQL = `
  with new_order as (
    insert into orders (id, customer_id, status, total, shipping_fee, shipping_address, source_location_id, created_at, updated_at)
    values ($1::uuid, $2::uuid, 'confirmed', $3::int, $4::int, $5::text::jsonb, $6::uuid, $7::timestamptz, $7::timestamptz)
  ),
  parts as (
    insert into seller_orders (id, order_id, seller_id, source_location_id, status, subtotal, created_at, updated_at)
    select t.id, $1::uuid, t.seller_id, t.source_id, 'confirmed', t.subtotal, $7::timestamptz, $7::timestamptz
    from unnest($8::uuid[], $9::uuid[], $10::uuid[], $11::int[]) as t(id, seller_id, source_id, subtotal)
  ),
  items as (
    insert into order_items (id, order_id, seller_order_id, variant_id, sku, product_name, product_name_en, quantity, price)
    select t.id, $1::uuid, t.seller_order_id, t.variant_id, t.sku, t.product_name, t.product_name_en, t.quantity, t.price
    from unnest($20::uuid[], $12::uuid[], $13::uuid[], $14::text[], $15::text[], $16::text[], $17::int[], $18::int[])
      as t(id, seller_order_id, variant_id, sku, product_name, product_name_en, quantity, price)
  ),
  events as (
    insert into seller_order_events (id, seller_order_id, from_status, to_status, actor_user_id, created_at)
    select t.event_id, t.id, null, 'confirmed', $2::uuid, $7::timestamptz from unnest($8::uuid[], $21::uuid[]) as t(id, event_id)
  )
  update payments set status = 'authorized', provider_ref = $19::text, updated_at = now()
  where id = $22::uuid`;

export function writeOrderParams(o: NewOrder): unknown[] {
  const parts = o.plan.parts;
  const lines = parts.flatMap((p) => p.lines);
  return [
    o.id,
    o.customerId,
    o.plan.total,
    o.plan.shippingFee,
    JSON.stringify(o.shippingAddress),
    o.plan.sourceLocationId,
    o.createdAt.toISOString(),
    parts.map((x) => x.id),
    parts.map((x) => x.sellerId),
    parts.map((x) => x.source.id),
    parts.map((x) => x.subtotal),
    lines.map((l) => l.sellerOrderId),
    lines.map((l) => l.variantId),
    lines.map((l) => l.sku),
    lines.map((l) => l.productName),
    lines.map((l) => l.productNameEn),
    lines.map((l) => l.quantity),
    lines.map((l) => l.price),
    o.payment.providerRef,
    // Time-ordered ids for every row (see ./ids.ts).
    lines.map(() => uuidv7()),
    parts.map(() => uuidv7()),
    o.payment.id,
  ];
}

/** The view of an order just written, built from what was written (no second read). */
export function viewOfNewOrder(o: NewOrder): OrderView {
  const at = o.createdAt.toISOString();
  return {
    id: o.id,
    status: "confirmed",
    total: o.plan.total,
    shippingFee: o.plan.shippingFee,
    sourceLocationId: o.plan.sourceLocationId,
    shippingAddress: o.shippingAddress,
    createdAt: at,
    cancelledAt: null,
    cancelReason: null,
    items: o.plan.parts
      .flatMap((p) => p.lines)
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
      .map((l) => ({
        variantId: l.variantId,
        sku: l.sku,
        productName: l.productName,
        productNameEn: l.productNameEn,
        quantity: l.quantity,
        price: l.price,
        sellerOrderId: l.sellerOrderId,
      })),
    sellerOrders: [...o.plan.parts]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((p) => ({
        id: p.id,
        sellerId: p.sellerId,
        sellerName: p.sellerName,
        sellerNameEn: p.sellerNameEn,
        sourceLocationId: p.source.id,
        sourceLocation: p.source,
        status: "confirmed",
        subtotal: p.subtotal,
        acceptedAt: null,
        packedAt: null,
        shippedAt: null,
        deliveredAt: null,
        cancelledAt: null,
        cancelReason: null,
        events: [{ fromStatus: null, toStatus: "confirmed", at, by: "customer", reason: null }],
      })),
  };
}
