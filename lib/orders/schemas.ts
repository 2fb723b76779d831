import { z } from "zod";
import { regions, sellerOrderStatus } from "@/db/schema";
import { CardNumber } from "@/lib/payments/schemas";
import { eachVariantOnce, Id, Note, Page, PageSize, Quantity, Reason } from "@/lib/validation";

/** The zod inputs of the orders domain: one schema for the form and the API alike. */

export const Region = z.enum(regions, { error: "Choose a region." });

export const ShippingAddressInput = z.strictObject({
  name: z
    .string({ error: "Enter the recipient's name." })
    .trim()
    .min(1, { error: "Enter the recipient's name." })
    .max(50),
  phone: z
    .string({ error: "Enter a phone number." })
    .trim()
    .regex(/^\+?[0-9][0-9 -]{7,18}[0-9]$/, { error: "Enter a phone number such as 010-1234-5678." }),
  line1: z.string({ error: "Enter the address." }).trim().min(1, { error: "Enter the address." }).max(200),
  line2: z.string().trim().max(200).nullish(),
  postalCode: z
    .string({ error: "Enter a 5-digit postal code." })
    .trim()
    .regex(/^[0-9]{5}$/, { error: "Enter a 5-digit postal code." }),
  region: Region,
});
export type ShippingAddressInput = z.infer<typeof ShippingAddressInput>;

export const OrderLineInput = z.strictObject({ variantId: Id, quantity: Quantity });

export const PlaceOrderInput = z
  .strictObject({
    items: z
      .array(OrderLineInput, { error: "List the items to order." })
      .min(1, { error: "Order at least one item." })
      .max(50),
    /** Where the retailer's own items ship from; required when there are any. Marketplace items ship from their seller. */
    sourceLocationId: Id.optional(),
    shippingAddress: ShippingAddressInput,
    /** Optional: without it the shop's default test card, which the fake provider approves. */
    payment: z.strictObject({ cardNumber: CardNumber }).optional(),
  })
  .superRefine((input, ctx) =>
    eachVariantOnce(input.items, ctx, ["items"], "This item is listed twice: combine the quantities."),
  );
export type PlaceOrderInput = z.infer<typeof PlaceOrderInput>;

export const CancelOrderInput = z.strictObject({ reason: Note.optional() });

/** Staff cancelling a seller order say why. */
export const CancelSellerOrderInput = z.strictObject({ reason: Reason() });

/** Fulfilment steps take `{}` (an optional note). */
export const FulfilmentStepInput = z.strictObject({ note: Note.optional() });

export const AddToCartInput = z.strictObject({ variantId: Id, quantity: Quantity });
export const SetCartQuantityInput = z.strictObject({ quantity: Quantity });

export const FulfilmentQueueQuery = z.strictObject({
  // The queue holds paid parts only: one still being paid for is nobody's to fulfil yet.
  status: z.enum(sellerOrderStatus.enumValues).exclude(["pending_payment", "payment_failed"]).optional(),
  locationId: Id.optional(),
  sort: z
    .enum(["createdAt", "-createdAt", "status", "-status", "subtotal", "-subtotal"])
    .default("-createdAt"),
  page: Page,
  pageSize: PageSize,
});
export type FulfilmentQueueQuery = z.infer<typeof FulfilmentQueueQuery>;

export const MyOrdersQuery = z.strictObject({
  page: Page,
  pageSize: PageSize,
});
