import { ZodError } from "zod";
import { ERROR_CODES, type ErrorCode, type ErrorStatus } from "@/lib/error-codes";
import { DomainError, Invalid, MethodNotAllowed, RateLimited } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/validation";
import { loggable } from "@/lib/http/log-error";
import { isDatabaseUnavailable } from "@/db/outage";

/** How long a client is asked to wait before it tries again while the database is away. */
export const OUTAGE_RETRY_AFTER_S = 5;

const TITLES: Record<ErrorStatus, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: ErrorCode;
  errors?: Record<string, string>;
  [extra: string]: unknown;
};

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** A problem of `code`, with the status the table of codes gives it (never one chosen here). */
function problemOf(code: ErrorCode, detail?: string, extra: Record<string, unknown> = {}): Problem {
  const status = ERROR_CODES[code];
  return {
    type: `https://hub-commerce.dev/problems/${code}`,
    title: TITLES[status],
    status,
    code,
    detail,
    ...extra,
  };
}

/** The one mapper from anything thrown to application/problem+json. */
export function toProblemResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const errors = zodFieldErrors(error);
    return problemResponse(problemOf("validation.invalid", "Some fields are invalid.", { errors }));
  }
  if (error instanceof Invalid) {
    return problemResponse(problemOf(error.code, error.message, { errors: error.errors }));
  }
  if (error instanceof RateLimited) {
    return problemResponse(problemOf(error.code, error.message), {
      "retry-after": String(error.retryAfterSeconds),
    });
  }
  if (error instanceof MethodNotAllowed) {
    return problemResponse(problemOf(error.code, error.message, error.meta ?? {}), {
      allow: error.allow.join(", "),
    });
  }
  if (error instanceof DomainError) {
    return problemResponse(problemOf(error.code, error.message, error.meta ?? {}));
  }
  if (isDatabaseUnavailable(error)) {
    // An outage, not a bug: one line, no stack (there may be hundreds a second while it lasts).
    console.warn(`[api] the database is unavailable: ${outageCause(error)}`);
    return problemResponse(
      problemOf("db.unavailable", "The shop's database is not answering right now. Try again in a few seconds."),
      { "retry-after": String(OUTAGE_RETRY_AFTER_S) },
    );
  }
  // Unknown: a bug. The cause goes to the log only.
  console.error("[api] unhandled error", loggable(error));
  return problemResponse(problemOf("internal", "Something went wrong on our side."));
}

/** The driver's or server's code and message of an outage, never a query's parameters. */
export function outageCause(error: unknown): string {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && !(e as { query?: unknown }).query) return `${code} ${String(message ?? "").slice(0, 200)}`;
    e = (e as { cause?: unknown }).cause;
  }
  return "no answer";
}
