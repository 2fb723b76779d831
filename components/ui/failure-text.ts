"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/http/action";

/** A failed server action, as every form receives it. */
export type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** What the wording needs of a failure: its code (lib/error-codes.ts) and meta. */
type Coded = { code: string; meta?: Record<string, unknown> };

/** Extra message values a family draws from a failure's meta (e.g. the short lines of a transfer). */
export type FailureValues = (failure: Coded) => Record<string, string | number>;

/**
 * The one way a form turns a failed action into words. A family's messages hold its codes in one
 * namespace (`reservations.errors`, `productErrors`, …), nested as the code is dotted (`stock.stale` →
 * `stock: { stale }`); codes any form can meet (sign-in, rate limits, validation, our own failure) come
 * from `errors` in common.json; anything else is the family's `generic`, or the shop's.
 * `rate_limited` gets `{seconds}` from the failure's `retryAfterSeconds`.
 */
export function useFailureText(namespace: string, values?: FailureValues) {
  // Namespaces are chosen by the caller; the keys are the codes of lib/error-codes.ts.
  const own = useTranslations(namespace as never) as unknown as Translate;
  const common = useTranslations("errors") as unknown as Translate;
  return (failure: Coded): string => {
    const params = {
      seconds: Number(failure.meta?.retryAfterSeconds ?? 60),
      ...values?.(failure),
    };
    if (own.has(failure.code)) return own(failure.code, params);
    if (common.has(failure.code)) return common(failure.code, params);
    return own.has("generic") ? own("generic") : common("generic");
  };
}

type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};
