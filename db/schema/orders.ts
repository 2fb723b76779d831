import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { variants } from "./catalog";
import { organisations, users } from "./identity";
import { locations } from "./inventory";

/** A customer's cart lives in the database, so it survives sign-out and works across devices. */
export const cartItems = pgTable(
  "cart_items",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
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
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    status: orderStatus().notNull(),
    /** Σ price × quantity + shipping fee, integer KRW. */
    total: integer().notNull(),
    shippingFee: integer().notNull().default(0),
    shippingAddress: jsonb().$type<ShippingAddress>().notNull(),
    /** The customer's chosen source for the retailer's own items. */
    sourceLocationId: uuid().references(() => locations.id),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
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
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sellerId: uuid()
      .notNull()
      .references(() => organisations.id),
    sourceLocationId: uuid()
      .notNull()
      .references(() => locations.id),
    status: sellerOrderStatus().notNull(),
    subtotal: integer().notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    packedAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
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
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sellerOrderId: uuid()
      .notNull()
      .references(() => sellerOrders.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id),
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
    id: uuid().primaryKey().defaultRandom(),
    sellerOrderId: uuid()
      .notNull()
      .references(() => sellerOrders.id, { onDelete: "cascade" }),
    fromStatus: sellerOrderStatus(),
    toStatus: sellerOrderStatus().notNull(),
    actorUserId: uuid().references(() => users.id),
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sellerOrderId, t.createdAt)],
);
