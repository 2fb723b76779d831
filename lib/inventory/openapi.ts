import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { IdParam, jsonResponse, problems } from "@/lib/openapi/common";
import { AvailabilitySchema, LocationSchema } from "./schemas";

/** The inventory endpoints of /api/openapi.json. */
export function registerInventoryApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/locations",
    tags: ["inventory"],
    summary: "Every location of the network: logistics centers, org and dealer HUBs, seller warehouses",
    responses: { 200: jsonResponse("Locations", z.array(LocationSchema)) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/variants/{id}/availability",
    tags: ["inventory"],
    summary: "What may be ordered of a variant, per location that holds it",
    description: "available = on hand − reserved, for every location holding the variant (zeros included). 404 for an unknown variant or one whose product is not on sale.",
    request: { params: IdParam },
    responses: { 200: jsonResponse("Availability per location", z.array(AvailabilitySchema)), ...problems(404) },
  });
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
