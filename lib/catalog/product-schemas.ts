import { z } from "zod";
import { productStatus } from "@/db/schema";
import { Page } from "@/lib/validation";
import { ProductCategory, ProductType } from "./schemas";

/** The inputs of a seller's product editing (the API contract "Sellers' products and the launch lifecycle"). */

const text = (max: number, what = "text") =>
  z
    .string({ error: `Must be ${what}.` })
    .trim()
    .max(max, { error: `Use at most ${max} characters.` });
const name = (max = 120) => text(max).min(1, { error: "Required." });

const ProductFields = {
  nameKo: name(),
  nameEn: name(),
  category: ProductCategory,
  type: ProductType,
  brand: text(60).optional(),
  descriptionKo: text(5000).optional(),
  descriptionEn: text(5000).optional(),
};
export const CreateProductInput = z.strictObject(ProductFields);
export type CreateProductInput = z.infer<typeof CreateProductInput>;
export const UpdateProductInput = z.strictObject(ProductFields).partial();
export type UpdateProductInput = z.infer<typeof UpdateProductInput>;

const OptionValue = z.strictObject({ valueKo: name(40), valueEn: name(40) });
const OptionGroup = z.strictObject({
  nameKo: name(40),
  nameEn: name(40),
  values: z
    .array(OptionValue, { error: "Must be a list of values." })
    .min(1, { error: "Give at least one value." })
    .max(20, { error: "Use at most 20 values." })
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        for (const label of [v.valueKo, v.valueEn]) {
          const k = label.toLocaleLowerCase("en");
          if (seen.has(k))
            ctx.addIssue({ code: "custom", path: [i], message: "Each value must be different." });
        }
        seen.add(v.valueKo.toLocaleLowerCase("en")).add(v.valueEn.toLocaleLowerCase("en"));
      });
    }),
});
export const SetOptionsInput = z.strictObject({
  groups: z
    .array(OptionGroup, { error: "Must be a list of option groups." })
    .max(3, { error: "Use at most 3 option groups." })
    .superRefine((groups, ctx) => {
      const seen = new Set<string>();
      groups.forEach((g, i) => {
        const ks = [g.nameKo, g.nameEn].map((n) => n.toLocaleLowerCase("en"));
        if (ks.some((k) => seen.has(k)))
          ctx.addIssue({
            code: "custom",
            path: [i, "nameKo"],
            message: "Each option group must have its own name.",
          });
        ks.forEach((k) => seen.add(k));
      });
    }),
});
export type SetOptionsInput = z.infer<typeof SetOptionsInput>;

export const Sku = z
  .string({ error: "Must be text." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,47}$/, {
    error: "2–48 letters, digits, '.', '_' or '-', starting with a letter or digit.",
  });
export const Price = z
  .number({ error: "Must be a whole number of won from 1." })
  .int({ error: "Must be a whole number of won from 1." })
  .min(1, { error: "Must be a whole number of won from 1." })
  .max(100_000_000, { error: "Must be at most ₩100,000,000." });
export const UpdateVariantInput = z.strictObject({
  sku: Sku.optional(),
  price: Price.optional(),
  active: z.boolean({ error: "Must be true or false." }).optional(),
});
export type UpdateVariantInput = z.infer<typeof UpdateVariantInput>;

/** A lifecycle step's body: `{}`, or a reason (required to send back). */
export const TransitionInput = z.strictObject({ reason: text(500).optional() });

export const ProductStatus = z.enum(productStatus.enumValues, {
  error: `Must be one of: ${productStatus.enumValues.join(", ")}.`,
});
export const SellerProductsQuery = z.object({
  status: ProductStatus.optional(),
  q: text(100).optional(),
  type: ProductType.optional(),
  page: Page,
});

const Day = z.iso.date({ error: "Must be a date (YYYY-MM-DD)." });
/** GET /api/seller-sales: Seoul calendar days, both included. */
export const SalesQuery = z.object({ from: Day.optional(), to: Day.optional() });
