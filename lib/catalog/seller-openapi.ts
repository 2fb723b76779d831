import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { productStatus } from "@/db/schema";
import { IdempotencyHeader, IdParam, jsonBody, jsonResponse, problems } from "@/lib/openapi/common";
import {
  CreateProductInput,
  SalesQuery,
  SellerProductsQuery,
  SetOptionsInput,
  TransitionInput,
  UpdateProductInput,
  UpdateVariantInput,
} from "./product-schemas";
import { ProductCategory, ProductType } from "./schemas";

const Status = z.enum(productStatus.enumValues);
const SellerVariant = z.object({
  id: z.string(),
  sku: z.string(),
  price: z.number().int().nullable().describe("KRW; null until set"),
  optionValueIds: z.array(z.string()),
  active: z.boolean(),
  labelKo: z.string(),
  labelEn: z.string(),
});
const SellerProduct = z
  .object({
    id: z.string(),
    nameKo: z.string(),
    nameEn: z.string(),
    category: ProductCategory,
    type: ProductType,
    status: Status,
    sellerId: z.string(),
    options: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        nameKo: z.string(),
        nameEn: z.string(),
        values: z.array(z.object({ id: z.string(), valueKo: z.string(), valueEn: z.string() })),
      }),
    ),
    variants: z.array(SellerVariant),
    history: z.array(
      z.object({
        from: Status.nullable(),
        to: Status,
        at: z.string(),
        actorId: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "SellerProduct" });
const ListItem = z.object({
  id: z.string(),
  nameKo: z.string(),
  nameEn: z.string(),
  type: ProductType,
  status: Status,
  sellerId: z.string(),
  variantCount: z.number().int(),
  priceMin: z.number().int().nullable(),
  priceMax: z.number().int().nullable(),
  stock: z.number().int(),
  unitsSold: z.number().int(),
  updatedAt: z.string(),
});
const ProductParams = IdParam;
/** What every write of a product answers: the product as it now is, or why not. */
const productResponses = {
  200: jsonResponse("The product", SellerProduct),
  ...problems(401, 403, 404, 409, 422),
};
const StepParams = z.object({
  id: z.string(),
  step: z.enum(["submit", "approve", "send-back", "publish", "pause", "discontinue"]),
});

/** Sellers' products and the launch lifecycle (the API contract), in /api/openapi.json. */
export function registerSellerProductsApi(registry: OpenAPIRegistry) {
  type Rest = Omit<Parameters<OpenAPIRegistry["registerPath"]>[0], "method" | "path" | "summary">;
  const path = (method: "get" | "post" | "patch" | "put", p: string, summary: string, rest: Rest) =>
    registry.registerPath({
      method,
      path: p,
      tags: ["seller products"],
      summary,
      security: [{ session: [] }],
      ...rest,
    });
  path(
    "get",
    "/api/seller-products",
    "A seller's own products in every status; for marketing every seller's (status=in_review: the review queue)",
    {
      request: { query: SellerProductsQuery },
      responses: {
        200: jsonResponse("A page of 20", z.object({ items: z.array(ListItem), total: z.number().int() })),
        ...problems(401, 403, 422),
      },
    },
  );
  path("post", "/api/seller-products", "A new draft (seller)", {
    request: { headers: IdempotencyHeader, body: jsonBody(CreateProductInput) },
    responses: {
      201: jsonResponse("The draft, no options, no variants", SellerProduct),
      200: jsonResponse("The first product of this Idempotency-Key", SellerProduct),
      ...problems(401, 403, 422),
    },
  });
  path(
    "get",
    "/api/seller-products/{id}",
    "One product with options, variants and history (its seller; marketing)",
    {
      request: { params: ProductParams },
      responses: { 200: jsonResponse("The product", SellerProduct), ...problems(401, 403, 404) },
    },
  );
  path("patch", "/api/seller-products/{id}", "Edit a draft's fields (its seller)", {
    request: { params: ProductParams, body: jsonBody(UpdateProductInput) },
    responses: productResponses,
  });
  path(
    "put",
    "/api/seller-products/{id}/options",
    "Replace a draft's option groups; the variants become every combination",
    {
      description:
        "Variants of combinations that remain keep their id, SKU and price; one ever stocked, ordered or reserved becomes active: false, never deleted.",
      request: { params: ProductParams, body: jsonBody(SetOptionsInput) },
      responses: productResponses,
    },
  );
  path(
    "patch",
    "/api/seller-products/{id}/variants/{variantId}",
    "A variant's SKU, price or switch (any status but discontinued)",
    {
      request: {
        params: z.object({ id: z.string(), variantId: z.string() }),
        body: jsonBody(UpdateVariantInput),
      },
      responses: {
        200: jsonResponse(
          "The variant",
          SellerVariant.pick({ id: true, sku: true, price: true, active: true }),
        ),
        ...problems(401, 403, 404, 409, 422),
      },
    },
  );
  path(
    "post",
    "/api/seller-products/{id}/{step}",
    "A lifecycle step: submit, publish, pause (its seller); approve, send-back (marketing); discontinue (either)",
    {
      description:
        "200 the product in its new state, with the step appended to its history; 409 from a wrong state; 403 for the other side's steps; send-back needs a reason (422); submit is 422 naming what is missing.",
      request: { params: StepParams, body: jsonBody(TransitionInput) },
      responses: productResponses,
    },
  );
  path(
    "get",
    "/api/seller-sales",
    "Units and revenue per day and per product over Seoul days (default: the last 30)",
    {
      request: { query: SalesQuery },
      responses: {
        200: jsonResponse(
          "Sales",
          z.object({
            from: z.string(),
            to: z.string(),
            days: z.array(z.object({ day: z.string(), units: z.number(), revenue: z.number() })),
            products: z.array(
              z.object({
                productId: z.string(),
                nameKo: z.string(),
                nameEn: z.string(),
                units: z.number(),
                revenue: z.number(),
              }),
            ),
            totals: z.object({ units: z.number(), revenue: z.number() }),
          }),
        ),
        ...problems(401, 403, 422),
      },
    },
  );
}
