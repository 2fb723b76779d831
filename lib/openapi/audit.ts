import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, AuditQuery } from "@/lib/audit";
import { jsonResponse, pageOf, problems } from "./common";

/** The response shape, for the description only (the handler returns what lib/audit.ts builds). */
const AuditItem = z
  .object({
    id: z.string(),
    at: z.string().describe("ISO-8601 with offset"),
    actorId: z.string().nullable().describe("Null for the worker"),
    actorName: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.enum(AUDIT_TARGET_TYPES),
    targetId: z.string(),
    detail: z.record(z.string(), z.unknown()).describe("States before and after, the reason, an amount"),
  })
  .meta({ id: "AuditItem" });

/** The audit trail's endpoint of /api/openapi.json (the trail belongs to no one domain). */
export function registerAuditApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/audit",
    tags: ["audit"],
    summary: "Every staff action, newest first (marketing only)",
    description:
      "Approvals, rejections, shipments, receipts, cancellations, fulfilment steps, reservable changes and the refunds of staff cancels: who, what, which thing, when. " +
      "`from` and `to` take a Seoul day (YYYY-MM-DD: from its midnight / to its end) or an instant with offset (included). 20 a page unless `pageSize` (at most 100).",
    request: { query: AuditQuery },
    responses: {
      200: jsonResponse("A page", pageOf(AuditItem)),
      ...problems(401, 403, 422),
    },
  });
}
