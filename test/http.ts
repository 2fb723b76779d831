import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { UserActor } from "@/lib/auth/actor";

type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

/** A session cookie for this user, exactly as Auth.js would set it after sign-in (with the shop's NEXTAUTH_SECRET). */
export async function sessionCookie(
  user: Pick<UserActor, "id" | "role" | "organisationId" | "email" | "name">,
  secret = process.env.NEXTAUTH_SECRET!,
) {
  const token = await encode({
    secret,
    token: { sub: user.id, uid: user.id, role: user.role, organisationId: user.organisationId, email: user.email, name: user.name },
  });
  return `next-auth.session-token=${token}`;
}

/**
 * Calls a route handler the way Next would: a real Request (with the user's session cookie), the
 * params, and returns the status and parsed body.
 */
export async function call<P extends Record<string, string | string[]>>(
  handler: Handler<P>,
  opts: {
    method?: string;
    url?: string;
    params?: P;
    as?: Pick<UserActor, "id" | "role" | "organisationId" | "email" | "name"> | null;
    body?: unknown;
    rawBody?: string;
    /** A multipart/form-data body (an upload); its Content-Type and boundary are set by the request. */
    form?: FormData;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) headers.cookie = await sessionCookie(opts.as);
  let body: string | FormData | undefined = opts.form ?? opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new NextRequest(new URL(opts.url ?? "/api/test", "http://localhost:3000"), {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
