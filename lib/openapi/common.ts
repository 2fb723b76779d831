import type { ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .describe("Field path → message, for validation failures"),
  })
  .meta({ id: "Problem" });

const problem = (description: string): ResponseConfig => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** Standard problem responses by status, to spread into a path's `responses`. */
export const problemResponses = {
  400: problem("Malformed JSON"),
  401: problem("Not signed in"),
  402: problem("Payment declined (`code` payment.declined, `reason` says why); nothing was reserved"),
  403: problem("Not allowed"),
  404: problem("Unknown, or not yours"),
  409: problem("Conflict: wrong state, not enough stock or capacity"),
  413: problem("Too large (an upload over its limit; `maxBytes` says the limit)"),
  415: problem("Not a kind of content this endpoint takes"),
  422: problem("Invalid fields (see `errors`)"),
  429: problem("Rate-limited (see Retry-After)"),
} as const;

export function problems(...statuses: (keyof typeof problemResponses)[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemResponses[s]]));
}

export const jsonBody = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
export const jsonResponse = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { "application/json": { schema } },
});
/** A page of a list, as every paged endpoint answers it: its items, the total, and where it is. */
export const pageOf = (item: z.ZodType) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
/** A time as every response writes it. */
export const Timestamp = z.string().describe("ISO-8601 with offset");
/** What an order's or a transfer's line says: the variant, its SKU and product names, how many. */
export const ItemLine = z.object({
  variantId: z.string(),
  sku: z.string(),
  productName: z.string(),
  productNameEn: z.string(),
  quantity: z.number().int(),
});
export const IdParam = z.object({ id: z.string().describe("The resource id") });
export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .max(200)
    .optional()
    .describe(
      "Same key from the same user: the first result, nothing new; the same key with another body: 422 idempotency.key_reused",
    ),
});
