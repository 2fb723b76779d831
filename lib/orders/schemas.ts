import { z } from "zod";
import { regions } from "@/db/schema";
import { CardNumber } from "@/lib/payments/schemas";
import { Id, Page, PageSize, Quantity } from "@/lib/validation";

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
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.items.forEach((item, i) => {
      if (seen.has(item.variantId)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "variantId"],
          message: "This item is listed twice: combine the quantities.",
        });
      }
      seen.set(item.variantId, i);
    });
  });
export type PlaceOrderInput = z.infer<typeof PlaceOrderInput>;

export const CancelOrderInput = z.strictObject({ reason: z.string().trim().max(500).optional() });

/** Staff cancelling a seller order say why. */
export const CancelSellerOrderInput = z.strictObject({
  reason: z.string({ error: "Say why." }).trim().min(1, { error: "Say why." }).max(500),
});

/** Fulfilment steps take `{}` (an optional note). */
export const FulfilmentStepInput = z.strictObject({ note: z.string().trim().max(500).optional() });

export const AddToCartInput = z.strictObject({ variantId: Id, quantity: Quantity });
export const SetCartQuantityInput = z.strictObject({ quantity: Quantity });

export const sellerOrderStatuses = [
  "confirmed",
  "accepted",
  "packed",
  "shipped",
  "delivered",
  "cancelled",
] as const;

export const FulfilmentQueueQuery = z.strictObject({
  status: z.enum(sellerOrderStatuses).optional(),
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
