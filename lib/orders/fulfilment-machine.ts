import type { SellerOrderStatus } from "./order-status";

export type FulfilmentEvent = "accept" | "pack" | "ship" | "deliver" | "cancel";

const TRANSITIONS: Partial<Record<SellerOrderStatus, Partial<Record<FulfilmentEvent, SellerOrderStatus>>>> = {
  confirmed: { accept: "accepted", cancel: "cancelled" },
  accepted: { pack: "packed", cancel: "cancelled" },
  packed: { ship: "shipped", cancel: "cancelled" },
  shipped: { deliver: "delivered" },
};

/**
 * The seller-order state machine: confirmed → accepted → packed → shipped → delivered, cancellable
 * until it ships. Returns the next status, or null when the event is not allowed from `from`.
 */
export function nextSellerOrderStatus(
  from: SellerOrderStatus,
  event: FulfilmentEvent,
): SellerOrderStatus | null {
  return TRANSITIONS[from]?.[event] ?? null;
}

/** The events allowed from a status (the buttons a queue row shows). */
export function allowedEvents(from: SellerOrderStatus): FulfilmentEvent[] {
  return Object.keys(TRANSITIONS[from] ?? {}) as FulfilmentEvent[];
}

/** The timestamp column each step fills, so lead time (ordered → delivered) is measurable per source. */
export const STEP_TIMESTAMP = {
  accepted: "acceptedAt",
  packed: "packedAt",
  shipped: "shippedAt",
  delivered: "deliveredAt",
  cancelled: "cancelledAt",
} as const;
