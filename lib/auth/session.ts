import { getServerSession } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { authOptions } from "./options";
import type { UserActor } from "./actor";

function actorFromToken(
  token: Pick<JWT, "uid" | "role" | "organisationId" | "email" | "name"> | null,
): UserActor | null {
  if (!token?.uid || !token.role) return null;
  return {
    kind: "user",
    id: token.uid,
    email: token.email ?? "",
    name: token.name ?? "",
    role: token.role,
    organisationId: token.organisationId ?? null,
  };
}

/** The signed-in user of this page or server action, or null. */
export async function currentActor(): Promise<UserActor | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const u = session.user;
  return actorFromToken({
    uid: u.id,
    role: u.role,
    organisationId: u.organisationId,
    email: u.email,
    name: u.name,
  });
}

// The session cookie's name, chosen as next-auth chooses it (the __Secure- prefix on https).
const SESSION_COOKIE = process.env.NEXTAUTH_URL?.startsWith("https://")
  ? "__Secure-next-auth.session-token"
  : "next-auth.session-token";
const DECODED_MAX = 10_000;
/**
 * Session tokens already decrypted, by their exact text. A token's text decrypts to the same claims
 * every time (it is sealed with the server's secret), so only its expiry needs checking again; this
 * spares every API call a key derivation and an AES-GCM decryption (about 0.2 ms of the one core a
 * Node server has). Oldest first out past DECODED_MAX; a token that does not decrypt is never kept.
 */
const decoded = new Map<string, { actor: UserActor | null; expiresAt: number }>();

/** The signed-in user of an API request, read from the session cookie of that request. */
export async function requestActor(req: NextRequest): Promise<UserActor | null> {
  const raw = req.cookies.get(SESSION_COOKIE)?.value;
  if (raw !== undefined) {
    const known = decoded.get(raw);
    if (known) {
      if (known.expiresAt > Date.now()) return known.actor;
      decoded.delete(raw);
    }
  }
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const actor = actorFromToken(token);
  if (raw !== undefined && token && typeof token.exp === "number") {
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { actor, expiresAt: token.exp * 1000 });
  }
  return actor;
}
