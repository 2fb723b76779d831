import { z } from "zod";
import { transferStatus } from "@/db/schema";
import { eachVariantOnce, Id, Note, Page, PageSize, Quantity, Reason, WholeNumber } from "@/lib/validation";

/** The zod inputs of transfers: one schema for the form and the API alike. */

export const TransferLineInput = z.strictObject({ variantId: Id, quantity: Quantity });

const COMBINE = "This item is listed twice: combine the quantities.";

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
    eachVariantOnce(input.items, ctx, ["items"], COMBINE);
  });
export type CreateTransferInput = z.infer<typeof CreateTransferInput>;

/** Approve and ship take `{}` (an optional note). */
export const TransferStepInput = z.strictObject({ note: Note.optional() });

export const RejectTransferInput = z.strictObject({ reason: Reason() });

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
  .superRefine((input, ctx) =>
    eachVariantOnce(input.lines ?? [], ctx, ["lines"], "This item is listed twice: one decision per line."),
  );
export type CancelTransferInput = z.infer<typeof CancelTransferInput>;

/** Received quantities per line; lines left out are received in full. 0 records a line as lost. */
export const ReceiveTransferInput = z
  .strictObject({
    items: z
      .array(z.strictObject({ variantId: Id, quantity: WholeNumber(0, 1000) }))
      .max(50)
      .optional(),
    note: Note.optional(),
  })
  .superRefine((input, ctx) => eachVariantOnce(input.items ?? [], ctx, ["items"], COMBINE));
export type ReceiveTransferInput = z.infer<typeof ReceiveTransferInput>;

export const TransferListQuery = z.strictObject({
  status: z.enum(transferStatus.enumValues).optional(),
  page: Page,
  pageSize: PageSize,
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;
