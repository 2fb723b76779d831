import type { NextRequest } from "next/server";
import { methodNotAllowed } from "@/lib/http/methods";

/**
 * Runs before every /api/ request: a method the path does not take is 405 problem+json with Allow
 * (lib/http/methods.ts, from the generated map of app/api's routes). Everything else passes through.
 */
export function proxy(req: NextRequest): Response | undefined {
  return methodNotAllowed(req) ?? undefined;
}

export const config = { matcher: "/api/:path*" };
