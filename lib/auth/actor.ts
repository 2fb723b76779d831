import type { userRole } from "@/db/schema";

export type Role = (typeof userRole.enumValues)[number];

/** Who is acting: a signed-in user, or the worker (`system`). Every verb receives one. */
export type UserActor = {
  kind: "user";
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
};
export type SystemActor = { kind: "system"; id: null; role: "system"; organisationId: null };
export type Actor = UserActor | SystemActor;

export const SYSTEM: SystemActor = { kind: "system", id: null, role: "system", organisationId: null };

/** The user id to record as "who did it" (null for the worker). */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.id : null;
}

/** What next-auth's sign-in answers (`error`) when an email failed too often from an address. */
export const SIGN_IN_RATE_LIMITED = "rate_limited";

export function homePathFor(role: Role): string {
  switch (role) {
    case "customer":
      return "/";
    case "dealer":
      return "/dealer";
    case "marketing":
      return "/marketing";
    case "seller":
      return "/seller";
  }
}
