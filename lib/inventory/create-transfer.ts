import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  locations,
  organisations,
  products,
  transferEvents,
  transferItems,
  transfers,
  variants,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Invalid } from "@/lib/errors";
import { claimKey, idempotentRequest } from "@/lib/idempotency";
import { HUB_KINDS, hubNotFound, isForeignHub } from "./transfer-access";
import { loadTransferView, type TransferView } from "./transfer-queries";
import { CreateTransferInput } from "./transfer-schemas";

export type CreateTransferResult = { transfer: TransferView; replayed: boolean };

/**
 * Requests a transfer INTO a hub: a replenishment when the source is a logistics center, a hub-to-hub
 * transfer when it is another hub. A hub's operator requests into their own hub (the dealer for its
 * dealer hubs, marketing for org hubs); marketing may request into any hub. Nothing moves yet: stock is
 * reserved at the source only when the transfer is approved. With an Idempotency-Key (scope
 * "transfers"), the same key and body return the first transfer.
 */
export async function createTransfer(
  tx: Tx,
  actor: Actor | null,
  raw: unknown,
  opts: { idempotencyKey?: string; now?: Date } = {},
): Promise<CreateTransferResult> {
  const user = requireUser(actor, "transfer:request");
  const input = CreateTransferInput.parse(raw);

  const locs = await tx
    .select()
    .from(locations)
    .where(inArray(locations.id, [input.fromLocationId, input.toLocationId]));
  const from = locs.find((l) => l.id === input.fromLocationId);
  const to = locs.find((l) => l.id === input.toLocationId);
  const errors: Record<string, string> = {};
  if (!from) errors.fromLocationId = "No such location.";
  else if (from.kind !== "logistics_center" && !HUB_KINDS.includes(from.kind))
    errors.fromLocationId = "Transfers leave from a logistics center or a hub.";
  if (!to) errors.toLocationId = "No such location.";
  else if (!HUB_KINDS.includes(to.kind)) errors.toLocationId = "Transfers go into a hub.";
  const found = await tx
    .select({ id: variants.id, type: products.type, sellerKind: organisations.kind })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(
      inArray(
        variants.id,
        input.items.map((i) => i.variantId),
      ),
    );
  input.items.forEach((item, i) => {
    const v = found.find((f) => f.id === item.variantId);
    if (!v) errors[`items.${i}.variantId`] = "No such item.";
    // Hubs hold the retailer's own stock items; marketplace items ship from their seller's warehouse.
    else if (v.type !== "stock" || v.sellerKind !== "retailer")
      errors[`items.${i}.variantId`] = "Only the retailer's own stock items are transferred.";
  });
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  // A hub's operator requests into their own hub; another organisation's hub is 404, as if it did
  // not exist (the API contract). The source may be another organisation's hub: its operator decides.
  if (isForeignHub(user, to!.kind, to!.operatorId)) throw hubNotFound();

  const id = randomUUID();
  const idem = idempotentRequest({ userId: user.id, scope: "transfers", key: opts.idempotencyKey }, input);
  if (idem) {
    const prior = await claimKey(tx, idem, id);
    if (prior) return { transfer: await loadTransferView(tx, user, prior), replayed: true };
  }
  const now = opts.now ?? new Date();
  await tx.insert(transfers).values({
    id,
    fromLocationId: input.fromLocationId,
    toLocationId: input.toLocationId,
    status: "requested",
    note: input.note || null,
    requestedBy: user.id,
    createdAt: now,
    updatedAt: now,
  });
  await tx
    .insert(transferItems)
    .values(input.items.map((i) => ({ transferId: id, variantId: i.variantId, quantity: i.quantity })));
  await tx.insert(transferEvents).values({
    transferId: id,
    fromStatus: null,
    toStatus: "requested",
    actorUserId: user.id,
    reason: input.note || null,
    createdAt: now,
  });
  await recordAudit(tx, user, {
    action: "transfer.request",
    targetType: "transfer",
    targetId: id,
    detail: {
      fromLocationId: input.fromLocationId,
      toLocationId: input.toLocationId,
      items: input.items,
      ...(input.note ? { note: input.note } : {}),
    },
  });
  return { transfer: await loadTransferView(tx, user, id), replayed: false };
}
