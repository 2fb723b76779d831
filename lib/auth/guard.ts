import { notFound, redirect } from "next/navigation";
import type { Role, UserActor } from "./actor";
import { currentActor } from "./session";

/**
 * For pages: the signed-in user with one of these roles. Not signed in → the sign-in page (and back);
 * another role → 404, as if the page did not exist.
 */
export async function requirePageRole(roles: Role[], returnTo: string): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(actor.role)) notFound();
  return actor;
}
