import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { IdParam, jsonResponse, problems } from "@/lib/openapi/common";

/** The inventory endpoints of /api/openapi.json (registered as they are built). */
export function registerInventoryApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/locations/{id}/stock",
    tags: ["inventory"],
    summary: "A location's stock: for the hub's dealer, the warehouse's seller, and marketing (any location)",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(
        "One row per variant stocked there",
        z.array(
          z.object({
            variantId: z.string(),
            sku: z.string(),
            productName: z.string(),
            productNameEn: z.string(),
            onHand: z.number().int(),
            reserved: z.number().int().describe("Allocated to open orders"),
            available: z.number().int().describe("onHand − reserved: what customers may order here"),
          }),
        ),
      ),
      ...problems(401, 403, 404),
    },
  });
}
