import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { SIGN_IN_RATE_LIMITED } from "@/lib/auth/actor";
import { BadRequest, RateLimited } from "@/lib/errors";
import { toProblemResponse } from "@/lib/http/problem";
import { clientAddress, countSignInAttempt } from "@/lib/http/rate-limit";
import { cappedRequest } from "@/lib/http/route";

/**
 * A POST to /api/auth/* as Auth.js may read it: over 1 MiB is 413 with the rest unread (Auth.js reads
 * bodies whole), and a JSON body that does not parse is 400 (Auth.js would throw on it: a 500).
 * Throws DomainErrors for toProblemResponse.
 */
export async function authRequest(req: NextRequest): Promise<NextRequest> {
  const capped = await cappedRequest(req);
  if ((capped.headers.get("content-type") ?? "").includes("application/json")) {
    try {
      JSON.parse(await capped.clone().text());
    } catch {
      throw new BadRequest("request.malformed_json", "The request body is not valid JSON.");
    }
  }
  return capped;
}

/**
 * Before Auth.js judges a credentials sign-in (`POST /api/auth/callback/credentials`), count the attempt
 * (lib/http/rate-limit.ts); past a limit answer 429 problem+json with Retry-After, the password unread.
 * The problem also carries Auth.js's `url` (…?error=rate_limited), so next-auth's signIn() on the sign-in
 * form reads the refusal as it reads any other.
 */
export async function signInGate(req: NextRequest, action: string[] | undefined): Promise<Response | null> {
  if (req.method !== "POST" || action?.[0] !== "callback" || action[1] !== "credentials") return null;
  let email = "";
  const type = req.headers.get("content-type") ?? "";
  try {
    const copy = req.clone();
    if (type.includes("application/json")) {
      const body = (await copy.json()) as { email?: unknown } | null;
      email = typeof body?.email === "string" ? body.email : "";
    } else {
      email = new URLSearchParams(await copy.text()).get("email") ?? "";
    }
  } catch {
    return null; // Auth.js answers a body it cannot read itself
  }
  if (email === "") return null;
  try {
    await countSignInAttempt(getDb(), email, clientAddress(req.headers));
    return null;
  } catch (e) {
    if (!(e instanceof RateLimited)) throw e;
    const res = toProblemResponse(e);
    const problem = (await res.json()) as Record<string, unknown>;
    const url = new URL("/api/auth/error", process.env.NEXTAUTH_URL ?? req.nextUrl.origin);
    url.searchParams.set("error", SIGN_IN_RATE_LIMITED);
    return new Response(JSON.stringify({ ...problem, url: url.toString() }), {
      status: 429,
      headers: res.headers,
    });
  }
}
