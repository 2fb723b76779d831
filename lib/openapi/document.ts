import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerCatalogApi } from "@/lib/catalog/openapi";
import { registerImagesApi } from "@/lib/catalog/images-openapi";
import { registerSellerProductsApi } from "@/lib/catalog/seller-openapi";
import { registerIdentityApi } from "@/lib/identity/openapi";
import { registerInventoryApi } from "@/lib/inventory/openapi";
import { registerTransfersApi } from "@/lib/inventory/transfers-openapi";
import { registerAuditApi } from "@/lib/openapi/audit";
import { registerOrdersApi } from "@/lib/orders/openapi";
import { registerReservationsApi } from "@/lib/reservations/openapi";

/**
 * /api/openapi.json, generated from the same zod schemas the verbs parse with: each domain registers
 * its paths in lib/<domain>/openapi.ts, so the description cannot drift from what the handlers accept.
 */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The Auth.js session cookie: GET /api/auth/csrf, then POST /api/auth/callback/credentials.",
  });
  for (const register of [
    registerIdentityApi,
    registerCatalogApi,
    registerSellerProductsApi,
    registerImagesApi,
    registerInventoryApi,
    registerOrdersApi,
    registerReservationsApi,
    registerTransfersApi,
    registerAuditApi,
  ]) {
    register(registry);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Hub Commerce API",
      version: "1.0.0",
      description:
        "JSON API of Hub Commerce. Errors are application/problem+json; amounts are integer KRW; ids are strings; times are ISO-8601 with offset.",
    },
    servers: [{ url: "/" }],
  });
}
