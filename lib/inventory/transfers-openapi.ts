import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { locationKind, transferStatus } from "@/db/schema";
import {
  IdempotencyHeader,
  IdParam,
  ItemLine,
  jsonBody,
  jsonResponse,
  pageOf,
  problems,
  Timestamp,
} from "@/lib/openapi/common";
import { transferEvents } from "./transfer-machine";
import {
  CancelTransferInput,
  CreateTransferInput,
  ReceiveTransferInput,
  RejectTransferInput,
  TransferListQuery,
  TransferStepInput,
} from "./transfer-schemas";

const Status = z.enum(transferStatus.enumValues);
const Ref = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(locationKind.enumValues),
  name: z.string(),
  nameEn: z.string(),
});

/** The response shape, for the description only (the handlers return what lib/inventory builds). */
const Transfer = z
  .object({
    id: z.string(),
    status: Status,
    fromLocationId: z.string(),
    toLocationId: z.string(),
    fromLocation: Ref,
    toLocation: Ref,
    note: z.string().nullable(),
    reason: z.string().nullable().describe("Why it was rejected or cancelled"),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    items: z.array(
      ItemLine.extend({
        shipped: z.number().int(),
        received: z.number().int(),
        shortfall: z.number().int().describe("shipped − received once received, else 0"),
        disposition: z
          .enum(["return", "write_off"])
          .nullable()
          .describe("Cancelled in transit: returned to the source's on hand, or written off"),
        dispositionReason: z.string().nullable(),
      }),
    ),
    events: z.array(
      z.object({
        fromStatus: Status.nullable(),
        toStatus: Status,
        at: Timestamp,
        actorName: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    ),
    actions: z.array(z.enum(transferEvents)).describe("The steps the caller may take now"),
  })
  .meta({ id: "Transfer" });

const STEPS = [
  [
    "approve",
    TransferStepInput,
    "Approve: the quantities are reserved at the source (409 naming the variant when short; nothing changes). Marketing for any; the source hub's operator for a hub-to-hub transfer.",
  ],
  ["reject", RejectTransferInput, "Reject a requested transfer, saying why. Same approvers as approve."],
  [
    "ship",
    TransferStepInput,
    "Ship: every line leaves in full; on hand and reserved leave the source. In transit counts at neither end. The source's operator.",
  ],
  [
    "receive",
    ReceiveTransferInput,
    "Receive at the destination: on hand += received. `items` default: all shipped; lines left out are received in full; received ≤ shipped (more is 422). The shortfall stays on the line and in the event's reason. The destination's operator.",
  ],
  [
    "cancel",
    CancelTransferInput,
    "Cancel a requested or approved transfer (an approved one's reservation is released): the requester's organisation or marketing. " +
      "Cancel an in-transit transfer: marketing or the source's operator, with `lines`: one decision per shipped line, `return` (back to the source's on hand, ledger kind `transfer_return`) or `write_off` (a `reason` is required; ledger kind `write_off`). A line left undecided is 422 under `lines`, an item not shipped 422 under `lines.N.variantId`. A second cancel is 409 and moves nothing.",
  ],
] as const;

/** The transfer endpoints of /api/openapi.json. */
export function registerTransfersApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "post",
    path: "/api/transfers",
    tags: ["transfers"],
    summary: "Request a replenishment (center → hub) or a hub-to-hub transfer into a hub",
    description:
      "A hub's operator requests into their own hub (the dealer for its dealer hubs, marketing for org hubs); marketing into any hub. " +
      "The source is a logistics center or another hub. 422 when from = to; 404 into another organisation's hub. With `Idempotency-Key`, the same key and body return the first transfer (200, header `Idempotent-Replayed: true`).",
    request: { headers: IdempotencyHeader, body: jsonBody(CreateTransferInput) },
    responses: {
      201: jsonResponse("Requested", Transfer),
      200: jsonResponse("The first transfer of this Idempotency-Key", Transfer),
      ...problems(400, 401, 403, 404, 422, 429),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/transfers",
    tags: ["transfers"],
    summary: "Transfers touching my locations (marketing: all), newest first",
    request: { query: TransferListQuery },
    responses: {
      200: jsonResponse("A page", pageOf(Transfer)),
      ...problems(401, 403, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/transfers/{id}",
    tags: ["transfers"],
    summary: "One transfer, for the operators of either end and marketing",
    request: { params: IdParam },
    responses: { 200: jsonResponse("The transfer", Transfer), ...problems(401, 403, 404) },
  });
  for (const [step, input, description] of STEPS) {
    registry.registerPath({
      method: "post",
      path: `/api/transfers/{id}/${step}`,
      tags: ["transfers"],
      summary: `${step[0]!.toUpperCase()}${step.slice(1)} a transfer`,
      description,
      request: { params: IdParam, body: jsonBody(input) },
      responses: {
        200: jsonResponse("The transfer in its new state", Transfer),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    });
  }
}
