import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { IdParam, jsonBody, jsonResponse, problems } from "@/lib/openapi/common";
import { AvailabilitySchema, LocationSchema } from "./schemas";
import { KpisQuery } from "@/lib/network/kpis";
import { MovementsQuery } from "./ledger";
import { AdjustStockInput, ReceiveGoodsInput } from "./stock-ops-schemas";

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
    description:
      "available = on hand − reserved, for every location holding the variant (zeros included). 404 for an unknown variant or one whose product is not on sale.",
    request: { params: IdParam },
    responses: {
      200: jsonResponse("Availability per location", z.array(AvailabilitySchema)),
      ...problems(404),
    },
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
  registry.registerPath({
    method: "post",
    path: "/api/locations/{id}/adjustments",
    tags: ["inventory"],
    summary: "A count correction by the location's operator: compare-and-set on the on hand the counter saw",
    description:
      "Sets on hand to `onHand` only if it is still `expectedOnHand` (409 stock.stale with the new figure otherwise, nothing written); never below what is reserved (409 stock.below_reserved). One ledger row of kind adjustment.",
    security: [{ session: [] }],
    request: { params: IdParam, body: jsonBody(AdjustStockInput) },
    responses: {
      200: jsonResponse(
        "The level now",
        z.object({
          variantId: z.string(),
          onHand: z.number().int(),
          reserved: z.number().int(),
          available: z.number().int(),
        }),
      ),
      ...problems(401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/locations/{id}/receipts",
    tags: ["inventory"],
    summary: "Goods from a supplier at a logistics center (marketing) or a seller's warehouse (its seller)",
    security: [{ session: [] }],
    request: { params: IdParam, body: jsonBody(ReceiveGoodsInput) },
    responses: {
      201: jsonResponse(
        "The receipt",
        z.object({
          id: z.string(),
          locationId: z.string(),
          reference: z.string(),
          items: z.array(z.object({ variantId: z.string(), quantity: z.number().int() })),
          createdAt: z.string(),
        }),
      ),
      ...problems(401, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/locations/{id}/movements",
    tags: ["inventory"],
    summary: "The ledger rows of a location, newest first (its operator; marketing)",
    security: [{ session: [] }],
    request: { params: IdParam, query: MovementsQuery },
    responses: {
      200: jsonResponse(
        "Movements",
        z.object({
          items: z.array(
            z.object({
              at: z.string(),
              kind: z.string(),
              variantId: z.string(),
              sku: z.string(),
              onHandDelta: z.number().int(),
              reservedDelta: z.number().int(),
              refType: z.string(),
              refId: z.string(),
              actorId: z.string().nullable(),
              note: z.string().nullable(),
            }),
          ),
          total: z.number().int(),
        }),
      ),
      ...problems(401, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/ledger/check",
    tags: ["inventory"],
    summary: "Every stock level recomputed from the ledger (marketing); drift is empty when they agree",
    security: [{ session: [] }],
    responses: {
      200: jsonResponse(
        "The check",
        z.object({
          levels: z.number().int(),
          drift: z.array(
            z.object({
              locationId: z.string(),
              variantId: z.string(),
              onHand: z.number().nullable(),
              reserved: z.number().nullable(),
              ledgerOnHand: z.number().nullable(),
              ledgerReserved: z.number().nullable(),
              sku: z.string().nullable(),
            }),
          ),
          checkedAt: z.string(),
        }),
      ),
      ...problems(401, 403),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/kpis",
    tags: ["network"],
    summary: "The network's figures over Seoul days (marketing; default the last 30)",
    description:
      "Lead time ordered → delivered by source kind (hub vs center, p50/p90 hours), hub fill rate, stock-outs now, orders by source kind, transfers in flight, and the same per day for charts.",
    security: [{ session: [] }],
    request: { query: KpisQuery },
    responses: { 200: jsonResponse("The figures", z.object({}).passthrough()), ...problems(401, 403, 422) },
  });
}
