import { z } from "zod";
import { eachVariantOnce, Id, Reason, WholeNumber } from "@/lib/validation";

const Count = WholeNumber(0, 1_000_000);

/** POST /api/locations/{id}/adjustments: a count correction, compare-and-set on the on hand it expects. */
export const AdjustStockInput = z.strictObject({
  variantId: Id,
  expectedOnHand: Count,
  onHand: Count,
  reason: Reason(),
});

/** POST /api/locations/{id}/receipts: goods from a supplier. */
export const ReceiveGoodsInput = z.strictObject({
  items: z
    .array(z.strictObject({ variantId: Id, quantity: WholeNumber(1, 100_000) }), {
      error: "Must be a list of items.",
    })
    .min(1, { error: "Add at least one item." })
    .max(200, { error: "At most 200 lines." })
    .superRefine((items, ctx) => eachVariantOnce(items, ctx, [], "Each item once per receipt.")),
  reference: z
    .string({ error: "Give the supplier's delivery note number." })
    .trim()
    .min(1, { error: "Give the supplier's delivery note number." })
    .max(100, { error: "Use at most 100 characters." }),
});

/** A hub's reorder point for one variant: 0 turns the low-stock flag off. */
export const SetReorderPointInput = z.strictObject({
  variantId: Id,
  reorderPoint: WholeNumber(0, 1000),
});
