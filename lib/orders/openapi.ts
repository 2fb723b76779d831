import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

/** The orders endpoints of /api/openapi.json (registered as they are built). */
export function registerOrdersApi(_registry: OpenAPIRegistry) {}
