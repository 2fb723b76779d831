import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { IdParam, jsonResponse, problems } from "@/lib/openapi/common";
import { PAGE_SIZE, ProductDetailSchema, ProductListQuery, ProductPageSchema, SellerSchema } from "./schemas";

/** The catalog endpoints of /api/openapi.json. */
export function registerCatalogApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/sellers",
    tags: ["catalog"],
    summary: "The retailer's own store and the marketplace sellers",
    responses: { 200: jsonResponse("Sellers", z.array(SellerSchema)) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/products",
    tags: ["catalog"],
    summary: `On-sale products, ${PAGE_SIZE} a page`,
    description:
      "Only products on sale. `q` matches the Korean and the English names, case-insensitively (every word must match). Unknown query parameters are ignored; a bad value of a known one is 422 naming it.",
    request: { query: ProductListQuery },
    responses: {
      200: jsonResponse(
        `A page of at most ${PAGE_SIZE} products, and how many match in all`,
        ProductPageSchema,
      ),
      ...problems(422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/products/{id}",
    tags: ["catalog"],
    summary: "One product with its option groups and variants",
    description:
      "On-sale products for everyone; the seller's own staff also see their product in any other state. Anything else is 404.",
    request: { params: IdParam },
    responses: { 200: jsonResponse("The product", ProductDetailSchema), ...problems(404) },
  });
}
