import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { IdempotencyHeader, IdParam, jsonBody, jsonResponse, problems } from "@/lib/openapi/common";
import { AttendanceInput } from "./attendance";
import {
  CancelReservableInput,
  CancelReservationInput,
  CancelSlotDayInput,
  CreatePreorderInput,
  GenerateSlotsInput,
  JoinWaitlistInput,
  PayReservationInput,
  RequestReservationInput,
  ReservablesQuery,
} from "./schemas";

const Localized = z.object({ ko: z.string(), en: z.string() });
const Reservable = z
  .object({
    id: z.string(),
    kind: z.enum(["slot", "preorder"]),
    productId: z.string(),
    variantId: z.string(),
    locationId: z.string().optional(),
    startsAt: z.string().optional().describe("Slot start, or the launch of a pre-order"),
    endsAt: z.string().optional(),
    opensAt: z.string().optional().describe("Pre-orders: when requests start to be accepted"),
    capacity: z.number().int(),
    available: z.number().int().describe("capacity − confirmed − paid"),
    perCustomerLimit: z.number().int().nullable().describe("null when there is none; asking for more is 409"),
    cancelDeadline: z.string(),
    holdMinutes: z.number().int().describe("How long a confirmed reservation is held unpaid"),
    status: z.enum(["open", "cancelled"]),
    price: z.number().int().describe("KRW per unit"),
    sku: z.string(),
    productName: Localized,
    variantName: Localized.describe("The variant's options, e.g. colour · storage"),
    location: z
      .object({ id: z.string(), name: Localized, region: z.string().nullable(), kind: z.string().nullable() })
      .optional(),
  })
  .meta({ id: "Reservable" });

const ReservationStatus = z.enum(["pending", "confirmed", "rejected", "paid", "cancelled", "expired"]);
const Reservation = z
  .object({
    id: z.string(),
    reservableId: z.string(),
    quantity: z.number().int(),
    status: ReservationStatus,
    reason: z
      .string()
      .optional()
      .describe("sold_out, over_limit, closed, cancelled (rejected); hold_expired (expired); waitlist_offer"),
    queuePosition: z
      .number()
      .int()
      .optional()
      .describe("While pending: 1 + the pending requests ahead on the same reservable"),
    holdExpiresAt: z.string().optional().describe("While confirmed: pay before this"),
    paidAt: z.string().optional(),
    cancelledAt: z.string().optional(),
    cancelReason: z
      .string()
      .optional()
      .describe(
        "Why it was cancelled (the customer's, or the staff's when a whole reservable was called off)",
      ),
    fromWaitlist: z.boolean(),
    attendance: z
      .enum(["checked_in", "no_show"])
      .optional()
      .describe("A slot appointment as the hub's staff recorded it"),
    attendanceAt: z.string().optional(),
    orderId: z
      .string()
      .optional()
      .describe("A paid pre-order, once released on its launch date: the order it became"),
    amount: z.number().int().describe("KRW"),
    createdAt: z.string(),
    reservable: Reservable,
  })
  .meta({ id: "Reservation" });

const Counts = z.object({
  pending: z.number().int(),
  confirmed: z.number().int(),
  paid: z.number().int(),
  waiting: z.number().int(),
});
const ManagedReservable = Reservable.extend({
  taken: z.number().int(),
  cancelledReason: z.string().optional(),
  counts: Counts,
}).meta({
  id: "ManagedReservable",
});

/** What calling off slots or a reservable did: the reservations cancelled and the refunds made. */
const CallOff = z.object({
  cancelledReservations: z.number().int(),
  refunds: z.number().int(),
  refundedAmount: z.number().int(),
});
const sseResponse = (description: string) => ({
  description,
  content: { "text/event-stream": { schema: z.string() } },
});

export function registerReservationsApi(registry: OpenAPIRegistry) {
  const tags = ["reservations"];
  const session = [{ session: [] }];
  registry.registerPath({
    method: "get",
    path: "/api/reservables",
    tags,
    summary: "What can be reserved now (open, not started, on-sale product), soonest first",
    request: { query: ReservablesQuery },
    responses: { 200: jsonResponse("Reservables", z.array(Reservable)), ...problems(422) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservables",
    tags,
    security: session,
    summary: "Create a launch pre-order allocation (marketing; a seller for their own product)",
    request: { body: jsonBody(CreatePreorderInput) },
    responses: {
      201: jsonResponse("Created", z.object({ id: z.string() })),
      ...problems(400, 401, 403, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservables/generate",
    tags,
    security: session,
    summary:
      "Generate appointment slots at one of your hubs (times in Asia/Seoul); existing and past slots are skipped",
    request: { body: jsonBody(GenerateSlotsInput) },
    responses: {
      201: jsonResponse(
        "Created",
        z.object({ created: z.number().int(), skipped: z.number().int(), ids: z.array(z.string()) }),
      ),
      ...problems(400, 401, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/reservables/managed",
    tags,
    security: session,
    summary: "Staff: the reservables you run, with live counts",
    responses: { 200: jsonResponse("Reservables", z.array(ManagedReservable)), ...problems(401, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/reservables/stream",
    tags,
    security: session,
    summary:
      "Staff: server-sent events (`snapshot`, then `update` with `[{ id, status, available, counts }]`) as counts change",
    responses: { 200: sseResponse("An event stream"), ...problems(401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservables/{id}/waitlist",
    tags,
    security: session,
    summary:
      "Join a full reservable's waiting list; freed capacity is offered in line order as a confirmed reservation with its own hold",
    request: { params: IdParam, body: jsonBody(JoinWaitlistInput) },
    responses: {
      201: jsonResponse("In line", z.object({ id: z.string(), position: z.number().int() })),
      ...problems(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservables/{id}/cancel",
    tags,
    security: session,
    summary:
      "Staff: call off a whole reservable; every reservation on it is cancelled (and refunded if paid) with the reason",
    request: { params: IdParam, body: jsonBody(CancelReservableInput) },
    responses: {
      200: jsonResponse(
        "Cancelled",
        z.object({ id: z.string(), status: z.literal("cancelled"), ...CallOff.shape }),
      ),
      ...problems(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservables/cancel-day",
    tags,
    security: session,
    summary:
      "A hub's operator calls off every open slot at one of their hubs on one day (Asia/Seoul); customers are refunded and see the reason",
    request: { body: jsonBody(CancelSlotDayInput) },
    responses: {
      200: jsonResponse("Called off", z.object({ cancelledSlots: z.number().int(), ...CallOff.shape })),
      ...problems(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservations",
    tags,
    security: session,
    summary: "Request a reservation: 202 pending at once; the worker decides it in arrival order",
    request: { headers: IdempotencyHeader, body: jsonBody(RequestReservationInput) },
    responses: {
      202: jsonResponse("Recorded, pending", z.object({ id: z.string(), status: ReservationStatus })),
      ...problems(400, 401, 403, 404, 409, 422, 429),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/reservations",
    tags,
    security: session,
    summary: "My reservations, newest first",
    responses: { 200: jsonResponse("Reservations", z.array(Reservation)), ...problems(401, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/reservations/stream",
    tags,
    security: session,
    summary:
      "My reservations as server-sent events: `snapshot` (all), then `update` (the changed ones) as they are decided, expire or are cancelled",
    responses: { 200: sseResponse("An event stream"), ...problems(401, 403) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/reservations/{id}",
    tags,
    security: session,
    summary: "One of my reservations",
    request: { params: IdParam },
    responses: { 200: jsonResponse("The reservation", Reservation), ...problems(401, 403, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservations/{id}/pay",
    tags,
    security: session,
    summary:
      "Pay a confirmed reservation before its hold runs out (test card 4000 0000 0000 0002 is declined: 402; " +
      "409 `payment.pending` while an earlier payment of it awaits the provider's answer)",
    request: { params: IdParam, body: jsonBody(PayReservationInput) },
    responses: {
      200: jsonResponse(
        "Paid",
        z.object({
          id: z.string(),
          status: z.literal("paid"),
          amount: z.number().int(),
          paymentId: z.string(),
          paidAt: z.string(),
        }),
      ),
      ...problems(400, 401, 402, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reservations/{id}/cancel",
    tags,
    security: session,
    summary: "Cancel before the deadline: capacity restored, refund if paid; after the deadline 409",
    request: { params: IdParam, body: jsonBody(CancelReservationInput) },
    responses: {
      200: jsonResponse(
        "Cancelled",
        z.object({ id: z.string(), status: z.literal("cancelled"), refunded: z.number().int() }),
      ),
      ...problems(400, 401, 403, 404, 409, 422),
    },
  });
  const Attended = z.object({
    id: z.string(),
    status: z.literal("paid"),
    attendance: z.enum(["checked_in", "no_show"]),
    attendanceAt: z.string().describe("ISO-8601 with offset"),
  });
  for (const [verb, summary] of [
    [
      "check-in",
      "The hub's staff (its dealer; marketing for org hubs) record that the customer came: a paid slot appointment, from 30 minutes before it starts until it ends (409 `reservation.too_early` / `too_late`)",
    ],
    [
      "no-show",
      "The hub's staff record that the customer did not come: a paid slot appointment once it has started (409 `reservation.too_early` before); the payment is kept",
    ],
  ] as const) {
    registry.registerPath({
      method: "post",
      path: `/api/reservations/{id}/${verb}`,
      tags,
      security: session,
      summary,
      description:
        "Recorded once: a repeat or the other one is 409 `reservation.attendance_recorded`; a reservation that is not paid is 409 `reservation.not_attendable`; another hub's appointment, or a pre-order, is 404. One audit row.",
      request: { params: IdParam, body: jsonBody(AttendanceInput) },
      responses: { 200: jsonResponse("Recorded", Attended), ...problems(400, 401, 403, 404, 409, 422) },
    });
  }
}
