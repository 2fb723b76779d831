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
  requesterOrgId: string | null;
};

export function transferNotFound() {
  return new NotFound("transfer.not_found", "No such transfer.");
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
 * operator. Cancel: the requester's organisation, or marketing.
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
