import { z } from "zod";
import { Id } from "@/lib/validation";

const Count = z
  .number({ error: "Must be a whole number from 0 to 1,000,000." })
  .int({ error: "Must be a whole number from 0 to 1,000,000." })
  .min(0, { error: "Must be a whole number from 0 to 1,000,000." })
  .max(1_000_000, { error: "Must be a whole number from 0 to 1,000,000." });
const Reason = z
  .string({ error: "Say why." })
  .trim()
  .min(1, { error: "Say why." })
  .max(500, { error: "Use at most 500 characters." });

/** POST /api/locations/{id}/adjustments: a count correction, compare-and-set on the on hand it expects. */
export const AdjustStockInput = z.strictObject({
  variantId: Id,
  expectedOnHand: Count,
  onHand: Count,
  reason: Reason,
});

/** POST /api/locations/{id}/receipts: goods from a supplier. */
export const ReceiveGoodsInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        variantId: Id,
        quantity: z
          .number({ error: "Must be a whole number from 1 to 100,000." })
          .int({ error: "Must be a whole number from 1 to 100,000." })
          .min(1, { error: "Must be a whole number from 1 to 100,000." })
          .max(100_000, { error: "Must be a whole number from 1 to 100,000." }),
      }),
      { error: "Must be a list of items." },
    )
    .min(1, { error: "Add at least one item." })
    .max(200, { error: "At most 200 lines." })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.variantId))
          ctx.addIssue({ code: "custom", path: [i, "variantId"], message: "Each item once per receipt." });
        seen.add(it.variantId);
      });
    }),
  reference: z
    .string({ error: "Give the supplier's delivery note number." })
    .trim()
    .min(1, { error: "Give the supplier's delivery note number." })
    .max(100, { error: "Use at most 100 characters." }),
});

/** A hub's reorder point for one variant: 0 turns the low-stock flag off. */
export const SetReorderPointInput = z.strictObject({
  variantId: Id,
  reorderPoint: z
    .number({ error: "Must be a whole number from 0 to 1,000." })
    .int({ error: "Must be a whole number from 0 to 1,000." })
    .min(0, { error: "Must be a whole number from 0 to 1,000." })
    .max(1000, { error: "Must be a whole number from 0 to 1,000." }),
});
