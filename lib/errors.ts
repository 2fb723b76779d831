import { ERROR_CODES, type CodeWithStatus, type DomainErrorCode } from "./error-codes";

/**
 * The one error family of the business layer. Verbs throw these; the two doors (route handlers and
 * server actions) map them, each in one place: lib/http/problem.ts and lib/http/action.ts.
 * `code` is a stable machine key (`order.insufficient_stock`) that the UI translates. Its status comes
 * from the one table of codes (lib/error-codes.ts); each class accepts only the codes of its status,
 * so `new Conflict("payment.declined")` does not compile (that code is 402: PaymentDeclined).
 */
export type FieldErrors = Record<string, string>;

export abstract class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  readonly status: (typeof ERROR_CODES)[C];
  constructor(
    readonly code: C,
    message?: string,
    /** Extra, safe-to-show facts (which item was short, at which source). */
    readonly meta?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = new.target.name;
    this.status = ERROR_CODES[code];
  }
}

export class BadRequest extends DomainError<CodeWithStatus<400>> {}
export class Unauthenticated extends DomainError<"auth.unauthenticated"> {
  constructor(message = "Sign in to do this.") {
    super("auth.unauthenticated", message);
  }
}
/** The payment provider declined (or could not take) the payment; `code` says which, `meta.reason` why. */
export class PaymentDeclined extends DomainError<CodeWithStatus<402>> {}
export class Forbidden extends DomainError<CodeWithStatus<403>> {}
/** Unknown, or another organisation's or customer's: never reveal which. */
export class NotFound extends DomainError<CodeWithStatus<404>> {}
/** A known path that does not take this method; `allow` lists the methods it takes (the Allow header). */
export class MethodNotAllowed extends DomainError<"request.method_not_allowed"> {
  constructor(readonly allow: readonly string[]) {
    super("request.method_not_allowed", `This path takes ${allow.join(", ")} only.`, { allow });
  }
}
export class Conflict extends DomainError<CodeWithStatus<409>> {}
/** The body (an upload) is bigger than the endpoint takes; `meta.maxBytes` says how big it may be. */
export class PayloadTooLarge extends DomainError<CodeWithStatus<413>> {}
/** What was sent is not a kind the endpoint takes, judged by its content (not its name or header). */
export class UnsupportedMediaType extends DomainError<CodeWithStatus<415>> {}
/** Fields that are wrong, by path. `code` stays validation.invalid unless the UI words this failure its own way. */
export class Invalid<C extends CodeWithStatus<422> = "validation.invalid"> extends DomainError<C> {
  constructor(
    readonly errors: FieldErrors,
    message = "Some fields are invalid.",
    code: C = "validation.invalid" as C,
  ) {
    super(code, message);
  }
}
export class RateLimited extends DomainError<"rate_limited"> {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
