import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import { SignInInput } from "./schemas";

/** Checks an email and password; null when either is wrong (never which one). */
export async function authenticate(db: Db, raw: unknown) {
  const parsed = SignInInput.safeParse(raw);
  if (!parsed.success) return null;
  const [user] = await db.select().from(users).where(eq(users.email, parsed.data.email)).limit(1);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  return ok && user ? user : null;
}
