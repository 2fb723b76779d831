import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

/** The inventory endpoints of /api/openapi.json (registered as they are built). */
export function registerInventoryApi(_registry: OpenAPIRegistry) {}
