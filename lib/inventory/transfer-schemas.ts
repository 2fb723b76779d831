import { z } from "zod";
import { transferStatus } from "@/db/schema";
import { Id, Page, PageSize, Quantity } from "@/lib/validation";

/** The zod inputs of transfers: one schema for the form and the API alike. */

const Note = z.string({ error: "Must be text." }).trim().max(500, { error: "At most 500 characters." });

export const TransferLineInput = z.strictObject({ variantId: Id, quantity: Quantity });

function noDuplicateVariants(items: { variantId: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.variantId))
      ctx.addIssue({
        code: "custom",
        path: ["items", i, "variantId"],
        message: "This item is listed twice: combine the quantities.",
      });
    seen.add(item.variantId);
  });
}

export const CreateTransferInput = z
  .strictObject({
    fromLocationId: Id,
    toLocationId: Id,
    items: z
      .array(TransferLineInput, { error: "List the items to transfer." })
      .min(1, { error: "Add at least one item." })
      .max(50),
    note: Note.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.fromLocationId === input.toLocationId) {
      ctx.addIssue({
        code: "custom",
        path: ["toLocationId"],
        message: "The destination must differ from the source.",
      });
    }
    noDuplicateVariants(input.items, ctx);
  });
export type CreateTransferInput = z.infer<typeof CreateTransferInput>;

/** Approve and ship take `{}` (an optional note). */
export const TransferStepInput = z.strictObject({ note: Note.optional() });

export const RejectTransferInput = z.strictObject({
  reason: z
    .string({ error: "Say why." })
    .trim()
    .min(1, { error: "Say why." })
    .max(500, { error: "At most 500 characters." }),
});
/** What becomes of one shipped line when an in-transit transfer is cancelled. */
export const CancelLineInput = z
  .strictObject({
    variantId: Id,
    disposition: z.enum(["return", "write_off"], { error: "Must be return or write_off." }),
    reason: Note.optional(),
  })
  .superRefine((line, ctx) => {
    if (line.disposition === "write_off" && !line.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why it is written off." });
  });

/**
 * Cancel: an optional reason; in transit, `lines` too: one decision per shipped line (`return` to the
 * source's on hand, or `write_off` with a reason). Before shipping there are no lines to decide.
 */
export const CancelTransferInput = z
  .strictObject({
    reason: Note.optional(),
    lines: z.array(CancelLineInput, { error: "List a decision for each shipped line." }).max(50).optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    (input.lines ?? []).forEach((line, i) => {
      if (seen.has(line.variantId))
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "variantId"],
          message: "This item is listed twice: one decision per line.",
        });
      seen.add(line.variantId);
    });
  });
export type CancelTransferInput = z.infer<typeof CancelTransferInput>;

/** Received quantities per line; lines left out are received in full. 0 records a line as lost. */
export const ReceiveTransferInput = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          variantId: Id,
          quantity: z
            .number({ error: "Must be a whole number from 0 to 1,000." })
            .int({ error: "Must be a whole number from 0 to 1,000." })
            .min(0, { error: "Must be at least 0." })
            .max(1000, { error: "Must be at most 1,000." }),
        }),
      )
      .max(50)
      .optional(),
    note: Note.optional(),
  })
  .superRefine((input, ctx) => noDuplicateVariants(input.items ?? [], ctx));
export type ReceiveTransferInput = z.infer<typeof ReceiveTransferInput>;

export const TransferListQuery = z.strictObject({
  status: z.enum(transferStatus.enumValues).optional(),
  page: Page,
  pageSize: PageSize,
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;
