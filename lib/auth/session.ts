import { getServerSession } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { prepared } from "@/db/raw";
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

/**
 * A session names the role and organisation its user had at sign-in. It stops working once the user row
 * says otherwise (role or organisation changed, or the user is gone): the row is read at most once per
 * HUB_SESSION_RECHECK_SECONDS (5) per user per process, so the order and reservation hot paths pay no
 * extra round trip per request, and concurrent requests of one user share one read.
 */
type Current = { role: string; organisationId: string | null } | null;
const rows = new Map<string, { at: number; row: Promise<Current> }>();
const ROWS_MAX = 50_000;
function recheckMs(): number {
  const n = Number(process.env.HUB_SESSION_RECHECK_SECONDS ?? 5);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : 5000;
}
const CURRENT_SQL = `select role, organisation_id as "organisationId" from users where id = $1::uuid limit 1`;
async function stillCurrent(actor: UserActor | null): Promise<UserActor | null> {
  if (!actor) return null;
  let hit = rows.get(actor.id);
  if (!hit || Date.now() - hit.at >= recheckMs()) {
    if (rows.size >= ROWS_MAX) rows.delete(rows.keys().next().value!);
    const row = prepared<{ role: string; organisationId: string | null }>(getDb(), CURRENT_SQL, [actor.id]).then(
      (r) => r[0] ?? null,
    );
    hit = { at: Date.now(), row };
    rows.set(actor.id, hit);
    row.catch(() => rows.delete(actor.id)); // an outage is not remembered
  }
  const row = await hit.row;
  return row && row.role === actor.role && row.organisationId === actor.organisationId ? actor : null;
}

/** The signed-in user of this page or server action, or null. */
export async function currentActor(): Promise<UserActor | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const u = session.user;
  return stillCurrent(actorFromToken({
    uid: u.id,
    role: u.role,
    organisationId: u.organisationId,
    email: u.email,
    name: u.name,
  }));
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
      if (known.expiresAt > Date.now()) return stillCurrent(known.actor);
      decoded.delete(raw);
    }
  }
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const actor = actorFromToken(token);
  if (raw !== undefined && token && typeof token.exp === "number") {
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { actor, expiresAt: token.exp * 1000 });
  }
  return stillCurrent(actor);
}
