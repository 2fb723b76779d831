import { NextRequest } from "next/server";
import { getDb, type Tx } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { requestActor } from "@/lib/auth/session";
import { BadRequest, Forbidden, PayloadTooLarge, Unauthenticated } from "@/lib/errors";
import { toProblemResponse } from "./problem";
import { clientAddress, rateLimit, type LimitKind } from "./rate-limit";
import { readCapped } from "./upload";

export type RouteContext<P> = { req: NextRequest; params: P; actor: UserActor | null };

/**
 * The one route-handler wrapper: finds the actor, runs the handler, and turns anything thrown into
 * application/problem+json. Handlers stay a few lines: parse nothing, decide nothing, call a verb.
 * Every route file also exports `dynamic = "force-dynamic"` (checked by test/routes.test.ts), so that
 * no handler is ever prerendered at build time.
 *
 * A request that changes things (POST, PUT, PATCH, DELETE) without a session is 401 here, before its
 * body is read, unless the route says `{ anonymous: true }` (sign-up): nobody can make the shop read
 * and parse bodies without an account.
 */
export function route<P extends Record<string, string | string[]> = Record<string, never>>(
  fn: (ctx: RouteContext<P>) => Promise<Response>,
  opts: { anonymous?: boolean } = {},
) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const [actor, params] = await Promise.all([requestActor(req), ctx.params]);
      if (WRITES.has(req.method)) {
        if (!actor && !opts.anonymous) throw new Unauthenticated();
        if (req.headers.has("cookie") && !sameOrigin(req)) throw crossOrigin();
      }
      return await fn({ req, params, actor });
    } catch (error) {
      return toProblemResponse(error);
    }
  };
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const crossOrigin = () =>
  new Forbidden("request.cross_origin", "A request that changes something must come from this site.");

/**
 * A cookie-carrying write comes from this site (a browser sends Origin and Sec-Fetch-Site on every
 * POST/PUT/PATCH/DELETE): another site's page could otherwise ride the customer's session cookie.
 * API clients that send no Origin (curl, an ERP) are unaffected; the session cookie is SameSite=Lax too.
 */
function sameOrigin(req: NextRequest): boolean {
  if (req.headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  const allowed = new Set<string>();
  if (process.env.NEXTAUTH_URL) allowed.add(new URL(process.env.NEXTAUTH_URL).origin);
  const host = req.headers.get("host");
  if (host) allowed.add(`${req.nextUrl.protocol}//${host}`);
  return allowed.has(origin);
}

const utf8 = new TextDecoder();

/** The largest JSON body any route takes (API.md): 1 MiB. */
export const MAX_JSON_BYTES = 1024 * 1024;
const tooLarge = () =>
  new PayloadTooLarge("request.too_large", "The request body is over 1 MiB, the largest accepted.", {
    maxBytes: MAX_JSON_BYTES,
  });

/**
 * The request body as JSON; malformed or missing JSON is a 400, never a 500. Over 1 MiB is 413 without
 * reading the rest: by Content-Length when it is sent, else by counting the streamed bytes.
 */
export async function readJson(req: Request): Promise<unknown> {
  const text = utf8.decode(await readBody(req));
  if (text.trim() === "")
    throw new BadRequest(
      "request.empty_body",
      "The request body must be JSON ({} when there is nothing to say).",
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest("request.malformed_json", "The request body is not valid JSON.");
  }
}

/** The body's bytes, at most 1 MiB: 413 past it without reading the rest (by Content-Length, else counting). */
export async function readBody(req: Request): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_JSON_BYTES) throw tooLarge();
  return readCapped(req, MAX_JSON_BYTES, tooLarge);
}

/**
 * The request again, its body read under the 1 MiB cap (readBody) and held, for a library that reads
 * the body whole itself (Auth.js): it can no longer be made to read more than the cap.
 */
export async function cappedRequest(req: NextRequest): Promise<NextRequest> {
  const bytes = await readBody(req);
  const headers = new Headers(req.headers);
  headers.delete("transfer-encoding");
  if (req.body) headers.set("content-length", String(bytes.byteLength));
  return new NextRequest(req.url, { method: req.method, headers, body: req.body ? bytes : undefined });
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Query-string parameters as a plain object, for a zod schema to parse. */
export function query(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

export function idempotencyKey(req: Request): string | undefined {
  const key = req.headers.get("idempotency-key")?.trim();
  if (key === undefined || key === "") return undefined;
  if (key.length > 200)
    throw new BadRequest("request.idempotency_key", "Idempotency-Key must be at most 200 characters.");
  return key;
}

export function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().transaction(fn);
}

/** Counts this request against the `kind` rate limits of its actor and address (429 when over). */
export function limit(ctx: { req: NextRequest; actor: UserActor | null }, kind: LimitKind): Promise<void> {
  return rateLimit(getDb(), kind, { actor: ctx.actor, address: clientAddress(ctx.req.headers) });
}
