import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { locations, transfers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { NotFound } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import type { TransferEvent, TransferStatus } from "./transfer-machine";

export type LocationKindName = (typeof locations.kind.enumValues)[number];
export const HUB_KINDS: readonly LocationKindName[] = ["org_hub", "dealer_hub"];

/** A transfer with what deciding "who may" needs: both ends' operators and kinds, the requester's org. */
export type TransferAccessRow = {
  id: string;
  status: TransferStatus;
  fromLocationId: string;
  toLocationId: string;
  fromOperatorId: string;
  fromKind: LocationKindName;
  toOperatorId: string;
  toKind: LocationKindName;
  requesterOrgId: string | null;
};

export function transferNotFound() {
  return new NotFound("transfer.not_found", "No such transfer.");
}

/** Another organisation's hub, answered as if it did not exist (the API contract). */
export function hubNotFound() {
  return new NotFound("location.not_found", "No such location.");
}

/**
 * Is this a hub another organisation runs, as this actor sees it? Marketing runs the network, so no hub
 * is foreign to it; logistics centers are the network's shared sources (a dealer requests from them and
 * is refused a step there with 403, not 404).
 */
export function isForeignHub(actor: Actor, kind: LocationKindName, operatorId: string): boolean {
  return !isNetwork(actor) && HUB_KINDS.includes(kind) && operatorId !== actor.organisationId;
}

/**
 * The end each step acts on: approving, rejecting and shipping decide about the source's stock;
 * receiving and cancelling act for the destination (a request is always for the destination hub).
 */
const ACTING_END: Record<TransferEvent, "from" | "to"> = {
  approve: "from",
  reject: "from",
  ship: "from",
  receive: "to",
  cancel: "to",
};

/**
 * The end a step acts on for this transfer: cancelling in transit decides about goods that left the
 * source (they go back there or are written off there), so it is the source's, like shipping.
 */
export function actingEnd(t: Pick<TransferAccessRow, "status">, event: TransferEvent): "from" | "to" {
  if (event === "cancel" && t.status === "in_transit") return "from";
  return ACTING_END[event];
}

/** Would this step act on another organisation's hub? Then it is a 404, never a 403. */
export function actsOnForeignHub(actor: Actor, t: TransferAccessRow, event: TransferEvent): boolean {
  return actingEnd(t, event) === "from"
    ? isForeignHub(actor, t.fromKind, t.fromOperatorId)
    : isForeignHub(actor, t.toKind, t.toOperatorId);
}

/** Marketing sees and decides across the network. */
export const isNetwork = (actor: Actor) => can(actor, "transfer:approve:network");

const fromLoc = alias(locations, "from_loc");
const toLoc = alias(locations, "to_loc");

/** May this actor see it? The operators of either end, and marketing. */
export function canSee(actor: Actor, t: TransferAccessRow): boolean {
  if (isNetwork(actor)) return true;
  const org = actor.organisationId;
  return !!org && (t.fromOperatorId === org || t.toOperatorId === org);
}

/**
 * May this actor take this step (state aside)? Approve/reject: marketing for any; the source's operator
 * for a hub-to-hub transfer out of their hub. Ship: the source's operator. Receive: the destination's
 * operator. Cancel: the requester's organisation, or marketing; in transit, the source's operator or
 * marketing (the goods are theirs to take back or write off).
 */
export function mayDo(actor: Actor, t: TransferAccessRow, event: TransferEvent): boolean {
  const org = actor.organisationId;
  switch (event) {
    case "approve":
    case "reject":
      return isNetwork(actor) || (!!org && HUB_KINDS.includes(t.fromKind) && t.fromOperatorId === org);
    case "ship":
      return !!org && t.fromOperatorId === org;
    case "receive":
      return !!org && t.toOperatorId === org;
    case "cancel":
      if (t.status === "in_transit") return isNetwork(actor) || (!!org && t.fromOperatorId === org);
      return isNetwork(actor) || (!!org && t.requesterOrgId === org);
  }
}

/**
 * Loads a transfer for this actor, optionally locking its row (`FOR UPDATE`, before any stock row: the
 * transfer is always locked first). Unknown, non-UUID or not theirs to see → NotFound.
 */
export async function loadTransferFor(
  tx: Db | Tx,
  actor: Actor,
  rawId: unknown,
  opts: { lock?: boolean } = {},
): Promise<TransferAccessRow> {
  const id = idOrNotFound(rawId, transferNotFound);
  const q = tx
    .select({
      id: transfers.id,
      status: transfers.status,
      fromLocationId: transfers.fromLocationId,
      toLocationId: transfers.toLocationId,
      fromOperatorId: fromLoc.operatorId,
      fromKind: fromLoc.kind,
      toOperatorId: toLoc.operatorId,
      toKind: toLoc.kind,
      requesterOrgId: users.organisationId,
    })
    .from(transfers)
    .innerJoin(fromLoc, eq(fromLoc.id, transfers.fromLocationId))
    .innerJoin(toLoc, eq(toLoc.id, transfers.toLocationId))
    .innerJoin(users, eq(users.id, transfers.requestedBy))
    .where(eq(transfers.id, id));
  const [row] = opts.lock ? await q.for("update", { of: transfers }) : await q;
  if (!row || !canSee(actor, row)) throw transferNotFound();
  return row;
}
