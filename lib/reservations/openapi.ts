import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";

/** The reservations endpoints of /api/openapi.json (registered as they are built). */
export function registerReservationsApi(_registry: OpenAPIRegistry) {}
