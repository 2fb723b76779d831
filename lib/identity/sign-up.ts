import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { Conflict } from "@/lib/errors";
import { SignUpInput } from "./schemas";

/** Creates a customer account. The unique index on email settles a race between two sign-ups. */
export async function signUp(tx: Tx, raw: unknown): Promise<{ id: string; email: string }> {
  const input = SignUpInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  const [row] = await tx
    .insert(users)
    .values({ email: input.email, passwordHash, name: input.name, role: "customer" })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email });
  if (!row) throw new Conflict("signup.email_taken", "An account with this email already exists.");
  return row;
}
