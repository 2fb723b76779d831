import { headers } from "next/headers";
import { ZodError } from "zod";
import { getDb } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import type { ErrorCode } from "@/lib/error-codes";
import { DomainError, Invalid } from "@/lib/errors";
import { clientAddress, rateLimit, type LimitKind } from "./rate-limit";
import { zodFieldErrors } from "@/lib/validation";
import { loggable } from "@/lib/http/log-error";
import { isDatabaseUnavailable } from "@/db/outage";
import { outageCause } from "./problem";

/**
 * What a server action returns to its form: data, or an error code the UI translates (one of
 * lib/error-codes.ts, the same code the API answers with), with field errors.
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      errors?: Record<string, string>;
      meta?: Record<string, unknown>;
    };

/** The one mapper from anything thrown to a form result. Next's redirect/notFound signals pass through. */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof ZodError) {
      return {
        ok: false,
        code: "validation.invalid",
        message: "Some fields are invalid.",
        errors: zodFieldErrors(error),
      };
    }
    if (error instanceof Invalid)
      return { ok: false, code: error.code, message: error.message, errors: error.errors };
    if (error instanceof DomainError)
      return { ok: false, code: error.code, message: error.message, meta: error.meta };
    if (isNextSignal(error)) throw error;
    if (isDatabaseUnavailable(error)) {
      console.warn(`[action] the database is unavailable: ${outageCause(error)}`);
      return { ok: false, code: "db.unavailable", message: "The shop's database is not answering right now. Try again in a few seconds." };
    }
    console.error("[action] unhandled error", loggable(error));
    return { ok: false, code: "internal", message: "Something went wrong on our side." };
  }
}

function isNextSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") ||
      digest.startsWith("NEXT_NOT_FOUND") ||
      digest.startsWith("NEXT_HTTP_ERROR"))
  );
}

/** Counts this server action against the `kind` rate limits of its actor and address (as the API does). */
export async function limitAction(actor: UserActor | null, kind: LimitKind): Promise<void> {
  await rateLimit(getDb(), kind, { actor, address: clientAddress(await headers()) });
}
