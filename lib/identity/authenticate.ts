import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { SignInInput } from "./schemas";

/**
 * Checks an email and password; null when either is wrong (never which one). A right password whose
 * hash predates today's cost is rehashed, outside any transaction (the hash takes tens of ms and no row
 * stays locked meanwhile); the update only lands if the hash is still the one that was checked.
 */
export async function authenticate(db: Db, raw: unknown) {
  const parsed = SignInInput.safeParse(raw);
  if (!parsed.success) return null;
  const [user] = await db.select().from(users).where(eq(users.email, parsed.data.email)).limit(1);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!ok || !user) return null;
  if (needsRehash(user.passwordHash)) {
    const fresh = await hashPassword(parsed.data.password);
    await db
      .update(users)
      .set({ passwordHash: fresh })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  }
  return user;
}
