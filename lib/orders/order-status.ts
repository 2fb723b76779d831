import type { orderStatus, sellerOrderStatus } from "@/db/schema";

export type OrderStatus = (typeof orderStatus.enumValues)[number];
export type SellerOrderStatus = (typeof sellerOrderStatus.enumValues)[number];

const PROGRESSED: SellerOrderStatus[] = ["accepted", "packed", "shipped", "delivered"];

/**
 * An order's status is a function of its seller orders' statuses, nothing else:
 * - all cancelled → cancelled;
 * - of the parts still active: all delivered → delivered; all shipped or delivered → shipped;
 *   any being worked on → in_progress; otherwise confirmed (or the payment state while paying);
 * - with some parts cancelled and the rest not yet shipped → partially_cancelled.
 */
export function orderStatusOf(parts: SellerOrderStatus[]): OrderStatus {
  if (parts.length === 0) throw new Error("an order has at least one seller order");
  const active = parts.filter((p) => p !== "cancelled");
  if (active.length === 0) return "cancelled";
  let base: OrderStatus;
  if (active.every((p) => p === "delivered")) base = "delivered";
  else if (active.every((p) => p === "shipped" || p === "delivered")) base = "shipped";
  else if (active.some((p) => PROGRESSED.includes(p))) base = "in_progress";
  else if (active.every((p) => p === "payment_failed")) base = "payment_failed";
  else if (active.every((p) => p === "pending_payment")) base = "pending_payment";
  else base = "confirmed";
  const someCancelled = active.length < parts.length;
  return someCancelled && (base === "confirmed" || base === "in_progress") ? "partially_cancelled" : base;
}
