/**
 * Every error code the shop answers with, each with its one HTTP status. A DomainError takes its
 * status from here (lib/errors.ts), and both mappers (lib/http/problem.ts, lib/http/action.ts) answer
 * with these codes only, so a code can never leave with two statuses. The UI translates codes
 * (`errors.<code>` in messages/): keep the names stable, add new ones here first.
 *
 * No imports: client components may import the types.
 */
export const ERROR_CODES = {
  // 400: the request itself is unusable
  "request.empty_body": 400,
  "request.malformed_json": 400,
  "request.idempotency_key": 400,
  "request.malformed_multipart": 400,
  "request.unknown_path": 404,
  "request.method_not_allowed": 405,
  "fulfilment.unknown_step": 400,
  "product.unknown_step": 400,

  // 401, 402, 403
  "auth.unauthenticated": 401,
  "payment.declined": 402,
  "auth.forbidden": 403,
  "request.cross_origin": 403,
  "seller_order.not_operator": 403,
  "transfer.not_allowed": 403,
  "transfer.not_your_hub": 403,

  // 404: unknown, or not yours (never reveal which)
  "cart.line_not_found": 404,
  "location.not_found": 404,
  "order.not_found": 404,
  "product.not_found": 404,
  "product.seller_only": 403,
  "product.step_not_allowed": 403,
  "product.not_editable": 409,
  "product.illegal_transition": 409,
  "product.sku_taken": 409,
  "stock.stale": 409,
  "stock.below_reserved": 409,
  "stock.receipt_not_here": 403,
  "reservable.not_found": 404,
  "reservation.not_found": 404,
  "seller.not_found": 404,
  "seller_order.not_found": 404,
  "transfer.not_found": 404,
  "variant.not_found": 404,
  "product_image.not_found": 404,

  // 409: not enough stock, or the wrong state
  "cart.not_on_sale": 409,
  "order.already_cancelled": 409,
  "order.already_shipped": 409,
  "order.insufficient_stock": 409,
  "order.no_warehouse": 409,
  "order.product_unavailable": 409,
  "payment.pending": 409,
  "reservable.already_cancelled": 409,
  "reservable.cancelled": 409,
  "reservable.closed": 409,
  "reservable.no_open_slots": 409,
  "reservable.not_open": 409,
  "reservation.already_paid": 409,
  "reservation.attendance_recorded": 409,
  "reservation.not_attendable": 409,
  "reservation.too_early": 409,
  "reservation.too_late": 409,
  "reservation.cancel_deadline_passed": 409,
  "reservation.hold_expired": 409,
  "reservation.not_cancellable": 409,
  "reservation.not_confirmed": 409,
  "reservation.over_limit": 409,
  "seller_order.illegal_transition": 409,
  "signup.email_taken": 409,
  "stock.insufficient": 409,
  "transfer.illegal_transition": 409,
  "transfer.insufficient_stock": 409,
  "waitlist.already_waiting": 409,
  "waitlist.closed": 409,
  "waitlist.has_room": 409,
  "product_image.limit": 409,

  // 413, 415: an upload too big, or not a kind of file the endpoint takes (judged by its bytes)
  "image.too_large": 413,
  "request.too_large": 413,
  "image.unsupported_type": 415,
  "image.unreadable": 415,
  "request.not_multipart": 415,

  // 422: the fields (errors by field path), or a reused Idempotency-Key
  "validation.invalid": 422,
  "idempotency.key_reused": 422,
  "image.empty": 422,
  "image.dimensions": 422,
  "product_image.order_mismatch": 422,

  // 429, and 500 for what no client can cause (the cause only in the log)
  rate_limited: 429,
  internal: 500,

  // 503: the database is away (stopped, hung, restarting) or too busy to answer in time; retry later
  "db.unavailable": 503,
} as const satisfies Record<string, ErrorStatus>;

export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
export type ErrorCode = keyof typeof ERROR_CODES;
/** The codes answered with status `S`, e.g. `CodeWithStatus<404>`. */
export type CodeWithStatus<S extends ErrorStatus> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C] extends S ? C : never;
}[ErrorCode];
/** The codes a DomainError may carry: everything a client can cause (not `internal`, not an outage). */
export type DomainErrorCode = CodeWithStatus<Exclude<ErrorStatus, 500 | 503>>;
