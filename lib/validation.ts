import { z, ZodError } from "zod";
import type { NotFound } from "@/lib/errors";

/** Field path → first message, e.g. `{ "items.0.quantity": "Too big: expected number to be <=1000" }`. */
export function zodFieldErrors(error: ZodError): Record<string, string> {
  // A Map, not an object literal: a client's field may be named "toString", "constructor" or "__proto__".
  const out = new Map<string, string>();
  const put = (key: string, message: string) => {
    if (!out.has(key)) out.set(key, message);
  };
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    // Unknown keys are reported on the object; name each key so the client sees which field.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) put(base ? `${base}.${key}` : key, "Unknown field.");
      continue;
    }
    put(base || "(body)", issue.message);
  }
  return Object.fromEntries(out);
}

/** Shared building blocks of the input schemas. */
export const Id = z.uuid({ error: "Must be an id." });

/** An id from a path or a link that is not a UUID names nothing: `notFound()` (404), never 422 or 500. */
export function idOrNotFound(raw: unknown, notFound: () => NotFound): string {
  const id = Id.safeParse(raw);
  if (!id.success) throw notFound();
  return id.data;
}

/** A number as the API's messages write it, e.g. 10,080 (API text, not UI: no locale). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * A whole number from `min` to `max` in a JSON body; `unit` names what it counts. Every numeric input
 * uses it, so every one refuses alike: "Must be a whole number of minutes from 1 to 10,080.", then
 * "Must be at least 1." or "Must be at most 10,080.".
 */
export function WholeNumber(min: number, max: number, unit?: string) {
  const error = `Must be a whole number ${unit ? `of ${unit} ` : ""}from ${grouped(min)} to ${grouped(max)}.`;
  return z
    .number({ error })
    .int({ error })
    .min(min, { error: `Must be at least ${grouped(min)}.` })
    .max(max, { error: `Must be at most ${grouped(max)}.` });
}
export const Quantity = WholeNumber(1, 1000);

/** A free-text note a verb may be given: optional where it is used, at most 500 characters. */
export const Note = z
  .string({ error: "Must be text." })
  .trim()
  .max(500, { error: "Use at most 500 characters." });

/** Why staff refuse or call something off: required; `ask` is what an empty one is told. */
export const Reason = (ask = "Say why.") =>
  z.string({ error: ask }).trim().min(1, { error: ask }).max(500, { error: "Use at most 500 characters." });

/**
 * For a superRefine: refuses a list that names one variant twice, on the later line's `variantId`.
 * `path` is where the list sits in the input (`[]` when refining the list itself).
 */
export function eachVariantOnce(
  lines: readonly { variantId: string }[],
  ctx: z.RefinementCtx,
  path: (string | number)[],
  message: string,
) {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.variantId)) ctx.addIssue({ code: "custom", path: [...path, i, "variantId"], message });
    seen.add(line.variantId);
  });
}

/** Paging in a query string (`?page=2&pageSize=50`): every list uses these, so every list refuses alike. */
const pageNumber = (max: number) => {
  const error = `Must be a whole number from 1 to ${grouped(max)}.`;
  return z.coerce.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};
export const Page = pageNumber(10_000).default(1);
export const PageSize = pageNumber(100).default(20);
