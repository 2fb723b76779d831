import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

/** The catalog endpoints of /api/openapi.json (registered as they are built). */
export function registerCatalogApi(_registry: OpenAPIRegistry) {}
