import { getServerSession } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { authOptions } from "./options";
import type { UserActor } from "./actor";

function actorFromToken(token: Pick<JWT, "uid" | "role" | "organisationId" | "email" | "name"> | null): UserActor | null {
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
  return actorFromToken({ uid: u.id, role: u.role, organisationId: u.organisationId, email: u.email, name: u.name });
}

/** The signed-in user of an API request, read from the session cookie of that request. */
export async function requestActor(req: NextRequest): Promise<UserActor | null> {
  return actorFromToken(await getToken({ req, secret: process.env.NEXTAUTH_SECRET }));
}
