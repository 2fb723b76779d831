import type { IncomingMessage, ServerResponse } from "node:http";
import { MethodNotAllowed } from "@/lib/errors";
import { API_ROUTES } from "./api-routes";
import { toProblemResponse } from "./problem";

type Segment = { kind: 0; name: string } | { kind: 1 } | { kind: 2; optional: boolean };
type Compiled = { segments: Segment[]; allow: string[] };

/**
 * What a route answers besides its own methods: HEAD when it has GET, and OPTIONS (Next implements
 * both itself). Sorted, as Next's own OPTIONS answer lists them.
 */
function allowOf(methods: readonly string[]): string[] {
  const allow = new Set([...methods, "OPTIONS"]);
  if (allow.has("GET")) allow.add("HEAD");
  return [...allow].sort();
}

function compile(pattern: string): Segment[] {
  return pattern
    .split("/")
    .filter(Boolean)
    .map((s): Segment => {
      if (s.startsWith("[[...")) return { kind: 2, optional: true };
      if (s.startsWith("[...")) return { kind: 2, optional: false };
      if (s.startsWith("[")) return { kind: 1 };
      return { kind: 0, name: s };
    });
}

/** Next's precedence: a static segment before a dynamic one, a dynamic one before a catch-all. */
function moreSpecific(a: Compiled, b: Compiled): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const ka = a.segments[i]?.kind ?? -1;
    const kb = b.segments[i]?.kind ?? -1;
    if (ka !== kb) return ka - kb;
  }
  return 0;
}

const ROUTES: Compiled[] = API_ROUTES.map(([pattern, methods]) => ({
  segments: compile(pattern),
  allow: allowOf(methods),
})).sort(moreSpecific);

function matches(segments: Segment[], parts: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.kind === 2) return parts.length > i || (s.optional && parts.length === i);
    if (i >= parts.length) return false;
    if (s.kind === 0 && s.name !== parts[i]) return false;
  }
  return parts.length === segments.length;
}

/** The methods the route at `pathname` takes (with HEAD and OPTIONS), or null when no route is there. */
export function allowedMethods(pathname: string): string[] | null {
  const parts = pathname.split("/").filter(Boolean);
  return ROUTES.find((r) => matches(r.segments, parts))?.allow ?? null;
}

/**
 * A method that a known /api/ path does not take: 405 problem+json with the Allow header (RFC 9110),
 * instead of Next's bare 405. Null when the route takes it, or when the path is unknown (that is the
 * catch-all's 404, app/api/[...path]).
 */
export function methodNotAllowed(method: string, pathname: string): Response | null {
  const allow = allowedMethods(pathname);
  if (allow === null || allow.includes(method.toUpperCase())) return null;
  return toProblemResponse(new MethodNotAllowed(allow));
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * The production server's gate in front of Next (scripts/serve.ts): a request under /api/ with a method
 * its route does not take is answered here, 405 problem+json with Allow (withSecurityHeaders, around
 * it, adds the security headers); everything else goes on to `next` untouched. It is a string match in
 * the server that owns the socket, so the requests that do go on pay nothing for it: as Next's proxy
 * (proxy.ts) it ran Next's middleware adapter on every API call, about an eighth of a small route's time
 * over HTTP.
 * `npm run dev` (plain `next dev`) answers such a method with Next's own bare 405.
 */
export function methodGate(next: Handler): Handler {
  return (req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/api/") || url === "/api") {
      const q = url.indexOf("?");
      const answer = methodNotAllowed(req.method ?? "GET", q === -1 ? url : url.slice(0, q));
      if (answer) return void writeAnswer(answer, res);
    }
    return next(req, res);
  };
}

async function writeAnswer(answer: Response, res: ServerResponse) {
  const body = await answer.text();
  answer.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("content-length", Buffer.byteLength(body));
  res.writeHead(answer.status).end(body);
}
