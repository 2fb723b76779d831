import type { ShippingAddress } from "@/db/schema";
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

export type OrderItemView = {
  variantId: string;
  sku: string;
  productName: string;
  productNameEn: string;
  quantity: number;
  price: number;
  sellerOrderId: string;
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

export type SellerOrderView = {
  id: string;
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  sourceLocationId: string;
  sourceLocation: LocationRef;
  status: SellerOrderStatus;
  subtotal: number;
  acceptedAt: string | null;
  packedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
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
