import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { stockLevels } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { Conflict } from "@/lib/errors";
import { loadOperatedLocation } from "./location-access";
import { applyStockMoves, ensureLevels } from "./stock";
import { AdjustStockInput } from "./stock-ops-schemas";
import { assertStockable } from "./stockable";

export type Level = { variantId: string; onHand: number; reserved: number; available: number };

/**
 * A count correction by the location's operator: on hand becomes `onHand` only if it is still
 * `expectedOnHand` (compare-and-set under the row's lock, so of two staff counting at once the second
 * gets 409 `stock.stale` with the new figure instead of overwriting), never below what is reserved.
 * One ledger row of kind `adjustment` with the reason.
 */
export async function adjustStock(
  tx: Tx,
  actor: Actor | null,
  rawLocationId: unknown,
  raw: unknown,
): Promise<Level> {
  const { location, user } = await loadOperatedLocation(tx, actor, rawLocationId, "stock:count:own-location");
  const input = AdjustStockInput.parse(raw);
  await assertStockable(tx, location, [input.variantId], () => "variantId");

  const key = { locationId: location.id, variantId: input.variantId };
  await ensureLevels(tx, [key]);
  const [level] = await tx
    .select({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, location.id), eq(stockLevels.variantId, input.variantId)))
    .for("update");
  const now = {
    variantId: input.variantId,
    onHand: level!.onHand,
    reserved: level!.reserved,
    available: level!.onHand - level!.reserved,
  };
  if (level!.onHand !== input.expectedOnHand) {
    throw new Conflict("stock.stale", `On hand changed since you counted: it is ${level!.onHand} now.`, now);
  }
  if (input.onHand < level!.reserved) {
    throw new Conflict(
      "stock.below_reserved",
      `${level!.reserved} are reserved for open orders: on hand cannot go below that.`,
      now,
    );
  }
  const delta = input.onHand - level!.onHand;
  await recordAudit(tx, user, {
    action: "stock.adjust",
    targetType: "location",
    targetId: location.id,
    detail: {
      variantId: input.variantId,
      onHandBefore: level!.onHand,
      onHandAfter: input.onHand,
      reason: input.reason,
    },
  });
  await applyStockMoves(
    tx,
    [
      {
        ...key,
        kind: "adjustment",
        onHandDelta: delta,
        reservedDelta: 0,
        refType: "adjustment",
        refId: randomUUID(),
        note: input.reason,
      },
    ],
    user.id,
  );
  return {
    variantId: input.variantId,
    onHand: input.onHand,
    reserved: level!.reserved,
    available: input.onHand - level!.reserved,
  };
}
