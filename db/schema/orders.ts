import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { id, at, now, timestamps, ref, cancellation, transition } from "./columns";
import { variants } from "./catalog";
import { organisations, users } from "./identity";
import { locations } from "./inventory";
import { reservations } from "./reservations";

/** A customer's cart lives in the database, so it survives sign-out and works across devices. */
export const cartItems = pgTable(
  "cart_items",
  {
    userId: ref(() => users.id, "cascade"),
    variantId: ref(() => variants.id, "cascade"),
    quantity: integer().notNull(),
    addedAt: now(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.variantId] }),
    check("cart_items_quantity", sql`${t.quantity} between 1 and 1000`),
  ],
);

export const orderStatus = pgEnum("order_status", [
  "pending_payment",
  "payment_failed",
  "confirmed",
  "in_progress",
  "shipped",
  "delivered",
  "partially_cancelled",
  "cancelled",
]);

export const sellerOrderStatus = pgEnum("seller_order_status", [
  "pending_payment",
  "payment_failed",
  "confirmed",
  "accepted",
  "packed",
  "shipped",
  "delivered",
  "cancelled",
]);

export type ShippingAddress = {
  name: string;
  phone: string;
  line1: string;
  line2?: string | null;
  postalCode: string;
  region: string;
};

export const orders = pgTable(
  "orders",
  {
    id: id(),
    customerId: ref(() => users.id),
    status: orderStatus().notNull(),
    /** Σ price × quantity + shipping fee, integer KRW. */
    total: integer().notNull(),
    shippingFee: integer().notNull().default(0),
    shippingAddress: jsonb().$type<ShippingAddress>().notNull(),
    /** The customer's chosen source for the retailer's own items. */
    sourceLocationId: uuid().references(() => locations.id),
    /** A paid pre-order that became this order on its release date: at most one order per reservation. */
    reservationId: uuid()
      .unique("orders_reservation_id_unique")
      .references(() => reservations.id),
    ...cancellation(() => users.id),
    ...timestamps(),
  },
  (t) => [
    index().on(t.customerId, t.createdAt),
    check("orders_total_nonneg", sql`${t.total} >= 0 and ${t.shippingFee} >= 0`),
  ],
);

/** One per seller in an order: fulfilled, cancelled and refunded on its own. */
export const sellerOrders = pgTable(
  "seller_orders",
  {
    id: id(),
    orderId: ref(() => orders.id, "cascade"),
    sellerId: ref(() => organisations.id),
    sourceLocationId: ref(() => locations.id),
    status: sellerOrderStatus().notNull(),
    subtotal: integer().notNull(),
    acceptedAt: at(),
    packedAt: at(),
    shippedAt: at(),
    deliveredAt: at(),
    ...cancellation(() => users.id),
    ...timestamps(),
  },
  (t) => [
    index().on(t.orderId),
    index().on(t.sourceLocationId, t.status, t.createdAt),
    index().on(t.sellerId, t.status, t.createdAt),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: ref(() => orders.id, "cascade"),
    sellerOrderId: ref(() => sellerOrders.id, "cascade"),
    variantId: ref(() => variants.id),
    sku: text().notNull(),
    productName: text().notNull(),
    productNameEn: text().notNull(),
    quantity: integer().notNull(),
    /** Unit price at the time of the order. */
    price: integer().notNull(),
  },
  (t) => [
    index().on(t.orderId),
    index().on(t.sellerOrderId),
    // The orders a variant was in: "often bought together" (lib/catalog/bought-together.ts).
    index().on(t.variantId, t.orderId),
    check("order_items_quantity", sql`${t.quantity} between 1 and 1000`),
    check("order_items_price", sql`${t.price} > 0`),
  ],
);

/** Every seller-order transition, with who and why: the timeline and the lead-time KPI come from here. */
export const sellerOrderEvents = pgTable(
  "seller_order_events",
  {
    id: id(),
    sellerOrderId: ref(() => sellerOrders.id, "cascade"),
    ...transition(sellerOrderStatus, () => users.id),
    createdAt: now(),
  },
  (t) => [index().on(t.sellerOrderId, t.createdAt)],
);
