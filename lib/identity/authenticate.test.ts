import { randomBytes, scryptSync } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { needsRehash, verifyPassword } from "@/lib/auth/password";
import { loggable } from "@/lib/http/log-error";
import { setupTestDb } from "@/test/db";
import { authenticate } from "./authenticate";

const t = setupTestDb();

/** A hash as the shop made them before (scrypt N=2^15, r=8, p=1). */
function oldHash(password: string) {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$32768$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
}

describe("password hashes", () => {
  it("rehashes a weaker hash at OWASP's cost after a right password, and not after a wrong one", async () => {
    const before = oldHash("old-password-1");
    const [u] = await t.db
      .insert(users)
      .values({ email: "rehash@example.com", name: "R", role: "customer", passwordHash: before })
      .returning();
    expect(needsRehash(before)).toBe(true);

    expect(await authenticate(t.db, { email: "rehash@example.com", password: "wrong-password" })).toBeNull();
    expect((await t.db.select().from(users).where(eq(users.id, u!.id)))[0]!.passwordHash).toBe(before);

    expect(await authenticate(t.db, { email: "rehash@example.com", password: "old-password-1" })).toMatchObject({ id: u!.id });
    const after = (await t.db.select().from(users).where(eq(users.id, u!.id)))[0]!.passwordHash;
    expect(after).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(needsRehash(after)).toBe(false);
    expect(await verifyPassword("old-password-1", after)).toBe(true);
    // Signing in again changes nothing more.
    expect(await authenticate(t.db, { email: "rehash@example.com", password: "old-password-1" })).not.toBeNull();
    expect((await t.db.select().from(users).where(eq(users.id, u!.id)))[0]!.passwordHash).toBe(after);
  });
});

describe("logged errors", () => {
  it("carry no SQL parameters or row values", async () => {
    const err = await t.db
      .insert(users)
      .values({ email: "rehash@example.com", name: "Private Name", role: "customer", passwordHash: "secret-hash" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DrizzleQueryError);
    const line = loggable(err);
    expect(line).toContain("insert into");
    expect(line).not.toContain("rehash@example.com");
    expect(line).not.toContain("Private Name");
    expect(line).not.toContain("secret-hash");
    const raw = await t.db.execute(sql`select 1/0`).catch((e: unknown) => e);
    expect(loggable(raw)).not.toContain("params:");
  });
});
