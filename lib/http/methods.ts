import type { NextRequest } from "next/server";
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
export function methodNotAllowed(req: Pick<NextRequest, "method" | "nextUrl">): Response | null {
  const allow = allowedMethods(req.nextUrl.pathname);
  if (allow === null || allow.includes(req.method.toUpperCase())) return null;
  return toProblemResponse(new MethodNotAllowed(allow));
}
