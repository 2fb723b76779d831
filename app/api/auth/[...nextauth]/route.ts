import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { signInGate } from "@/lib/auth/sign-in-gate";

const handler = NextAuth(authOptions) as (
  req: NextRequest,
  ctx: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

export const GET = handler;

/** Sign-in attempts are counted (and refused past the limits) before Auth.js reads the password. */
export async function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const limited = await signInGate(req, (await ctx.params).nextauth);
  return limited ?? handler(req, ctx);
}
