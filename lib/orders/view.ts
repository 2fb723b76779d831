import type { sellerOrders, ShippingAddress } from "@/db/schema";
import type { LocationKind } from "./eta";
import type { OrderStatus, SellerOrderStatus } from "./order-status";

/** An order as the API and the pages show it (the API contract's fields, plus the ones a page needs). */
export type OrderView = {
  id: string;
  status: OrderStatus;
  /** Σ price × quantity + shippingFee, integer KRW (for staff: of the parts they may see). */
  total: number;
  shippingFee: number;
  sourceLocationId: string | null;
  shippingAddress: ShippingAddress;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  items: OrderItemView[];
  sellerOrders: SellerOrderView[];
};

/** An item as it was bought: its names and price are those of the moment the order was placed. */
export type OrderLine = {
  variantId: string;
  sku: string;
  productName: string;
  productNameEn: string;
  quantity: number;
  price: number;
};

export type OrderItemView = OrderLine & { sellerOrderId: string };

/** When a seller order reached each step of fulfilment (null until it does), and why it was cancelled. */
export type FulfilmentTimes = {
  acceptedAt: string | null;
  packedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
};

export type LocationRef = {
  id: string;
  code: string;
  kind: LocationKind;
  name: string;
  nameEn: string;
  region: string;
};

/** A location row (or any object with its fields) as the views name it: just the reference's fields. */
export const locationRef = (l: LocationRef): LocationRef => ({
  id: l.id,
  code: l.code,
  kind: l.kind,
  name: l.name,
  nameEn: l.nameEn,
  region: l.region,
});

export type SellerOrderView = FulfilmentTimes & {
  id: string;
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  sourceLocationId: string;
  sourceLocation: LocationRef;
  status: SellerOrderStatus;
  subtotal: number;
  /** The timeline: every transition with when, who (a role, never a staff member's name) and why. */
  events: {
    fromStatus: SellerOrderStatus | null;
    toStatus: SellerOrderStatus;
    at: string;
    by: "customer" | "staff" | "system";
    reason: string | null;
  }[];
};

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

/** An order item row (or any object with its fields) as the views name it: just the line's fields. */
export const orderLine = (i: OrderLine): OrderLine => ({
  variantId: i.variantId,
  sku: i.sku,
  productName: i.productName,
  productNameEn: i.productNameEn,
  quantity: i.quantity,
  price: i.price,
});

export const fulfilmentTimes = (so: typeof sellerOrders.$inferSelect): FulfilmentTimes => ({
  acceptedAt: iso(so.acceptedAt),
  packedAt: iso(so.packedAt),
  shippedAt: iso(so.shippedAt),
  deliveredAt: iso(so.deliveredAt),
  cancelledAt: iso(so.cancelledAt),
  cancelReason: so.cancelReason,
});
