import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reorderPoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { loadOperatedLocation } from "./location-access";
import { SetReorderPointInput } from "./stock-ops-schemas";
import { assertStockable } from "./stockable";

export type ReorderPoint = { locationId: string; variantId: string; reorderPoint: number };

/**
 * The location's operator sets the level below which a variant counts as low there (the same right as
 * a count correction: another organisation's location is NotFound). No stock moves, so no ledger row;
 * one audit row with the figure before and after.
 */
export async function setReorderPoint(
  tx: Tx,
  actor: Actor | null,
  rawLocationId: unknown,
  raw: unknown,
): Promise<ReorderPoint> {
  const { location, user } = await loadOperatedLocation(tx, actor, rawLocationId, "stock:count:own-location");
  const input = SetReorderPointInput.parse(raw);
  await assertStockable(tx, location, [input.variantId], () => "variantId");

  // Lock the row there is (if any) before replacing it, so two operators saving at once each audit
  // the figure they replaced.
  const [old] = (await tx.execute(
    sql`select reorder_point as before from reorder_points where location_id = ${location.id} and variant_id = ${input.variantId} for update`,
  )) as unknown as { before: number }[];
  await tx
    .insert(reorderPoints)
    .values({
      locationId: location.id,
      variantId: input.variantId,
      reorderPoint: input.reorderPoint,
      updatedBy: user.id,
    })
    .onConflictDoUpdate({
      target: [reorderPoints.locationId, reorderPoints.variantId],
      set: { reorderPoint: input.reorderPoint, updatedBy: user.id, updatedAt: sql`now()` },
    });
  await recordAudit(tx, user, {
    action: "stock.set_reorder_point",
    targetType: "location",
    targetId: location.id,
    detail: {
      variantId: input.variantId,
      reorderPointBefore: old?.before ?? null,
      reorderPointAfter: input.reorderPoint,
    },
  });
  return { locationId: location.id, variantId: input.variantId, reorderPoint: input.reorderPoint };
}
