import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";

/**
 * Shared pieces of the property-based tests of everything that writes (routes.test.ts, actions.test.ts):
 * values a client can send that no schema should take, near-valid inputs (one valid input with one
 * fault), and a fingerprint of the whole database to show that nothing was written.
 */

/**
 * The ids valid inputs name, by key: the world's real ones once its setup has `Object.assign`ed them
 * into `ids`, a fresh (unknown) UUID for any other key, the same on every call.
 */
export function idsByKey() {
  const ids: Record<string, string> = {};
  const id = (k: string) => ids[k] ?? (ids[k] = randomUUID());
  return { ids, id };
}
/** A moment `days` from now (ISO-8601), and that day (YYYY-MM-DD), for valid dates in inputs. */
export const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
export const day = (days: number) => soon(days).slice(0, 10);

/** How many cases each property runs; HUB_PROPERTY_RUNS scales them all (e.g. 10000 for a long soak). */
export function runs(base: number): number {
  const scale = Number(process.env.HUB_PROPERTY_RUNS_SCALE ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Values of the wrong type, range or shape for almost any field. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0, -1, -1000, 1001, 100_001, 1_000_001, 0.5, -0.0001, 1e21, -1e21, 1e308, -1e308,
    Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER,
    "", " ", "\u0000", "null", "1", "-1", "1e400", "true", "' or 1=1 --", "../../etc/passwd",
    "00000000-0000-0000-0000-000000000000", "\ud800", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "한글😀\u200b", "x".repeat(5001),
    true, false, null, [], {},
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => Number(n)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.uuid(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

type Path = (string | number)[];
/** Every path into a JSON value (the root too), e.g. [], ["items"], ["items", 0], ["items", 0, "quantity"]. */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}
function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
function parentOf(root: unknown, path: Path): { parent: Record<string | number, unknown>; key: string | number } | null {
  if (path.length === 0) return null;
  let cur = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  return { parent: cur, key: path[path.length - 1]! };
}

/** Sets an own property, even one named "__proto__" (an assignment would change the prototype instead). */
function own(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export type Mutation = { value: unknown; path: string; op: "replace" | "delete" | "add" | "whole" };

/** One fault in a valid input: a value replaced by a nasty one, a field removed, or an unknown field added. */
export function mutationOf(valid: unknown): fc.Arbitrary<Mutation> {
  const all = paths(valid);
  const objects = all.filter((p) => {
    let cur: unknown = valid;
    for (const k of p) cur = (cur as Record<string | number, unknown>)[k];
    return cur !== null && typeof cur === "object" && !Array.isArray(cur);
  });
  const name = (p: Path) => p.map(String).join(".");
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...all), nasty).map(([p, v]): Mutation => {
      const out = clone(valid) as unknown;
      const at = parentOf(out, p);
      if (!at) return { value: v, path: "", op: "whole" };
      own(at.parent, at.key, v);
      return { value: out, path: name(p), op: "replace" };
    }) },
    { weight: 2, arbitrary: fc.constantFrom(...all.filter((p) => p.length > 0).concat(all.length > 1 ? [] : [[]])).map((p): Mutation => {
      const out = clone(valid) as unknown;
      const at = parentOf(out, p);
      if (!at) return { value: undefined, path: "", op: "whole" };
      if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
      else delete at.parent[at.key];
      return { value: out, path: name(p.slice(0, Array.isArray(at.parent) ? -1 : undefined)), op: "delete" };
    }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...(objects.length ? objects : [[]])), fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }), nasty).map(([p, key, v]): Mutation => {
      const out = clone(valid) as unknown;
      let target = out as Record<string, unknown>;
      for (const k of p) target = target[k as string] as Record<string, unknown>;
      if (target === null || typeof target !== "object") return { value: { [key]: v }, path: "", op: "whole" };
      if (Object.hasOwn(target, key)) return { value: out, path: name(p), op: "replace" };
      own(target, key, v);
      return { value: out, path: name([...p, key]), op: "add" };
    }) },
  );
}

/** A request body: near-valid JSON mostly, else any JSON at all, else text that is not JSON. */
export type BodyCase = { raw: string; parsed?: unknown; mutation?: Mutation };
export function bodyOf(valid: unknown): fc.Arbitrary<BodyCase> {
  const validText = JSON.stringify(valid);
  return fc.oneof(
    { weight: 6, arbitrary: mutationOf(valid).map((m): BodyCase => {
      const raw = m.value === undefined ? "" : JSON.stringify(m.value);
      // What the server will read, judged by the oracle: exactly the text that is sent.
      return { raw, parsed: raw === "" ? undefined : (JSON.parse(raw) as unknown), mutation: m };
    }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v): BodyCase => ({ raw: JSON.stringify(v), parsed: JSON.parse(JSON.stringify(v)) as unknown })) },
    { weight: 1, arbitrary: fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.nat({ max: Math.max(0, validText.length - 1) }).map((n) => validText.slice(0, n)),
      fc.constantFrom("", " ", "\n", "{", "[", "{\"a\":}", "nul", "'{}'", "{}}", "\u0000", "{\"__proto__\":{\"x\":1}", "[".repeat(5000)),
    ).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((raw): BodyCase => ({ raw })) },
  );
}

/** Path parameter values that name nothing: never a real id. */
export const badParam: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom("", " ", "0", "-1", "null", "undefined", "1e400", "\u0000", "%00", "../x", "' or 1=1 --", "x".repeat(2000), "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
);

/** Does the field a mutation broke appear among the errors (its path, a parent or a child of it)? */
export function namesField(errors: Record<string, string>, m: Mutation | undefined): boolean {
  if (!m || m.op === "whole" || m.path === "") return true;
  return Object.keys(errors).some(
    (k) => k === m.path || k.startsWith(`${m.path}.`) || m.path.startsWith(`${k}.`) || k === "(body)",
  );
}

/** A 4xx problem+json (RFC 9457), with `errors` by field for a 422. Returns the parsed problem. */
export async function expectClientProblem(res: Response, what: string, m?: Mutation) {
  const text = await res.text();
  const ctx = `${what} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, ctx).toBeGreaterThanOrEqual(400);
  expect(res.status, ctx).toBeLessThan(500);
  expect(res.headers.get("content-type"), ctx).toBe("application/problem+json");
  const problem = JSON.parse(text) as { status: number; title: string; type: string; code: string; errors?: Record<string, string> };
  expect(problem.status, ctx).toBe(res.status);
  expect(typeof problem.title, ctx).toBe("string");
  expect(typeof problem.type, ctx).toBe("string");
  if (res.status === 422 && problem.code === "validation.invalid") {
    expect(Object.keys(problem.errors ?? {}).length, ctx).toBeGreaterThan(0);
    expect(namesField(problem.errors!, m), `${ctx}: the errors do not name ${m?.path}`).toBe(true);
  }
  return problem;
}

/** A fingerprint of every table of the public schema: row counts and an order-independent checksum. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await db.execute<{ t: string }>(
    sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`,
  );
  const parts = tables.map(
    ({ t }) =>
      `select '${t}' as t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), ',' order by md5(x::text))), '') as f from "${t}" x`,
  );
  const rows = await db.execute<{ t: string; f: string }>(sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}
