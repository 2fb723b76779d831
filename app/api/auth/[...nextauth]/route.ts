import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { authRequest, signInGate } from "@/lib/auth/sign-in-gate";
import { toProblemResponse } from "@/lib/http/problem";

const handler = NextAuth(authOptions) as (
  req: NextRequest,
  ctx: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

export const GET = handler;

/**
 * The body is capped at 1 MiB (413, the rest unread) and must parse, then sign-in attempts are
 * counted (and refused past the limits) before Auth.js reads the password.
 */
export async function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  let capped: NextRequest;
  try {
    capped = await authRequest(req);
  } catch (error) {
    return toProblemResponse(error);
  }
  const limited = await signInGate(capped, (await ctx.params).nextauth);
  return limited ?? handler(capped, ctx);
}
