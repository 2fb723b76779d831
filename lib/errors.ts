/**
 * The one error family of the business layer. Verbs throw these; the two doors (route handlers and
 * server actions) map them, each in one place: lib/http/problem.ts and lib/http/action.ts.
 * `code` is a stable machine key (`order.insufficient_stock`) that the UI translates.
 */
export type FieldErrors = Record<string, string>;

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  constructor(
    readonly code: string,
    message?: string,
    /** Extra, safe-to-show facts (which item was short, at which source). */
    readonly meta?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}

export class BadRequest extends DomainError {
  readonly status = 400;
}
export class Unauthenticated extends DomainError {
  readonly status = 401;
  constructor(message = "Sign in to do this.") {
    super("auth.unauthenticated", message);
  }
}
/** The payment provider declined (or could not take) the payment; `code` says which, `meta.reason` why. */
export class PaymentDeclined extends DomainError {
  readonly status = 402;
}
export class Forbidden extends DomainError {
  readonly status = 403;
}
/** Unknown, or another organisation's or customer's: never reveal which. */
export class NotFound extends DomainError {
  readonly status = 404;
}
export class Conflict extends DomainError {
  readonly status = 409;
}
/** The body (an upload) is bigger than the endpoint takes; `meta.maxBytes` says how big it may be. */
export class PayloadTooLarge extends DomainError {
  readonly status = 413;
}
/** What was sent is not a kind the endpoint takes, judged by its content (not its name or header). */
export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
}
export class Invalid extends DomainError {
  readonly status = 422;
  constructor(
    readonly errors: FieldErrors,
    message = "Some fields are invalid.",
    /** A more precise code than `validation.invalid`, when the UI words this failure its own way. */
    code = "validation.invalid",
  ) {
    super(code, message);
  }
}
export class RateLimited extends DomainError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
