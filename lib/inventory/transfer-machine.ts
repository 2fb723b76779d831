import type { transferStatus } from "@/db/schema";

export type TransferStatus = (typeof transferStatus.enumValues)[number];
export type TransferEvent = "approve" | "reject" | "ship" | "receive" | "cancel";
export const transferEvents = [
  "approve",
  "reject",
  "ship",
  "receive",
  "cancel",
] as const satisfies readonly TransferEvent[];

const TRANSITIONS: Partial<Record<TransferStatus, Partial<Record<TransferEvent, TransferStatus>>>> = {
  requested: { approve: "approved", reject: "rejected", cancel: "cancelled" },
  approved: { ship: "in_transit", cancel: "cancelled" },
  in_transit: { receive: "received", cancel: "cancelled" },
};

/**
 * The transfer state machine: requested → approved | rejected; approved → in_transit → received;
 * requested | approved | in_transit → cancelled (in transit: each shipped line returned or written off). Returns the next status, or null when the event is not allowed
 * from `from` (a repeated action included: approving an approved transfer is not allowed).
 */
export function nextTransferStatus(from: TransferStatus, event: TransferEvent): TransferStatus | null {
  return TRANSITIONS[from]?.[event] ?? null;
}

/** The events allowed from a status, whoever asks. */
export function allowedTransferEvents(from: TransferStatus): TransferEvent[] {
  return Object.keys(TRANSITIONS[from] ?? {}) as TransferEvent[];
}

/** What each step does to stock (see lib/inventory/stock.ts for the ledger conventions). */
export function stockEffectOf(
  from: TransferStatus,
  event: TransferEvent,
): "reserve" | "release" | "ship" | "receive" | "return_or_write_off" | null {
  if (event === "approve") return "reserve";
  if (event === "ship") return "ship";
  if (event === "receive") return "receive";
  if (event === "cancel" && from === "approved") return "release";
  if (event === "cancel" && from === "in_transit") return "return_or_write_off";
  return null;
}

export const transferStatuses = [
  "requested",
  "approved",
  "in_transit",
  "received",
  "rejected",
  "cancelled",
] as const satisfies readonly TransferStatus[];
