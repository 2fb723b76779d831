import { z } from "zod";
import { productCategory, productStatus, productType } from "@/db/schema";
import { Id, Page } from "@/lib/validation";
import { ProductImageSchema } from "./image-schemas";

export const PAGE_SIZE = 20;

export const ProductType = z.enum(productType.enumValues, { error: "Must be one of: stock, reservation." });
export const ProductCategory = z.enum(productCategory.enumValues, {
  error: `Must be one of: ${productCategory.enumValues.join(", ")}.`,
});

/**
 * GET /api/products and the shop home. A query string, so unknown parameters are ignored (a tracking
 * `utm_…` must not break a link), but every known one is checked and a bad value is 422 naming it.
 */
export const ProductListQuery = z.object({
  type: ProductType.optional().describe(
    "stock (bought from stock) or reservation (booked: slots, pre-orders)",
  ),
  category: ProductCategory.optional().describe("Only this category"),
  seller: Id.optional().describe("Only this seller's products (its storefront)"),
  q: z
    .string()
    .max(100, { error: "Use at most 100 characters." })
    .optional()
    .describe(
      "Words searched in the Korean and English names, case-insensitively, as parts of words (`보조` finds 보조배터리); every word must match",
    ),
  page: Page.describe(`Page number, ${PAGE_SIZE} products a page`),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

// ——— What the catalog answers (also the OpenAPI response schemas) ———

export const SellerSchema = z
  .object({
    id: z.string(),
    name: z.string().describe("Korean name"),
    nameEn: z.string(),
    kind: z.enum(["retailer", "marketplace"]).describe("retailer: the shop's own store (exactly one)"),
  })
  .meta({ id: "Seller" });
export type Seller = z.infer<typeof SellerSchema>;

const Labels = z.record(z.string(), z.string());

export const VariantSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    options: Labels.describe(
      'Option group code → value (English), e.g. { "color": "Icy Blue", "storage": "256GB" }',
    ),
    optionsKo: Labels.describe("The same in Korean"),
    optionValueIds: z.array(z.string()).describe("The option values of this combination"),
    price: z.number().int().describe("KRW"),
  })
  .meta({ id: "Variant" });
export type Variant = z.infer<typeof VariantSchema>;

export const OptionGroupSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    nameKo: z.string(),
    nameEn: z.string(),
    values: z.array(z.object({ id: z.string(), valueKo: z.string(), valueEn: z.string() })),
  })
  .meta({ id: "OptionGroup" });
export type OptionGroup = z.infer<typeof OptionGroupSchema>;

export const ProductSummarySchema = z
  .object({
    id: z.string(),
    name: z.string().describe("Korean name"),
    nameKo: z.string(),
    nameEn: z.string(),
    brand: z.string(),
    category: ProductCategory,
    type: ProductType,
    status: z.enum(productStatus.enumValues),
    sellerId: z.string(),
    priceFrom: z.number().int().describe("Lowest variant price, KRW"),
    optionGroups: z.array(OptionGroupSchema),
    variants: z.array(VariantSchema),
    images: z
      .array(ProductImageSchema)
      .describe("The seller's photos, main image first; empty when there are none"),
  })
  .meta({ id: "ProductSummary" });
export type ProductSummary = z.infer<typeof ProductSummarySchema>;

export const ProductPageSchema = z
  .object({
    items: z.array(ProductSummarySchema),
    total: z.number().int().describe("How many match, counted up to 1,000"),
    totalCapped: z
      .boolean()
      .describe("True when more than 1,000 match: `total` is then 1,000 and the shop says 1,000+"),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: "ProductPage" });
export type ProductPage = z.infer<typeof ProductPageSchema>;

export const ProductDetailSchema = ProductSummarySchema.extend({
  descriptionKo: z.string(),
  descriptionEn: z.string(),
  seller: SellerSchema,
}).meta({ id: "ProductDetail" });
export type ProductDetail = z.infer<typeof ProductDetailSchema>;
