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
export const Quantity = z
  .number({ error: "Must be a whole number from 1 to 1,000." })
  .int({ error: "Must be a whole number from 1 to 1,000." })
  .min(1, { error: "Must be at least 1." })
  .max(1000, { error: "Must be at most 1,000." });

/** Paging in a query string (`?page=2&pageSize=50`): every list uses these, so every list refuses alike. */
const wholeNumber = (max: number) => {
  const error = `Must be a whole number from 1 to ${String(max).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.`; // API text, not UI: no locale
  return z.coerce.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};
export const Page = wholeNumber(10_000).default(1);
export const PageSize = wholeNumber(100).default(20);
