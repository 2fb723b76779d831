import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { users } from "@/db/schema";
import { seed } from "@/db/seed";
import type { UserActor } from "@/lib/auth/actor";

/** Loads the demo world (the API contract's seed) into this test file's database. */
export async function seedDemo(db: Db) {
  await seed(db);
}

/** A demo account as an actor, e.g. `await actorFor(db, "dealer@demo.test")`. */
export async function actorFor(db: Db | Tx, email: string): Promise<UserActor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}: did the test seed the demo data?`);
  return { kind: "user", id: u.id, email: u.email, name: u.name, role: u.role, organisationId: u.organisationId };
}

/** The demo accounts of db/seed/data.ts by name: `dealer` is dealer@demo.test. */
const DEMO_ACCOUNTS = ["customer", "customer2", "dealer", "dealer2", "marketing", "seller", "seller2", "store"] as const;
type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

/**
 * Every demo account as an actor by name, e.g. `({ dealer, marketing } = await demoActors(t.db))` or
 * `Object.assign(who, await demoActors(t.db))`.
 */
export async function demoActors(db: Db | Tx): Promise<Record<DemoAccount, UserActor>> {
  const actors = await Promise.all(DEMO_ACCOUNTS.map((n) => actorFor(db, `${n}@demo.test`)));
  return Object.fromEntries(DEMO_ACCOUNTS.map((n, i) => [n, actors[i]!])) as Record<DemoAccount, UserActor>;
}

/** A fresh customer with a unique email (the password hash is a placeholder: not for sign-in). */
export async function makeCustomer(db: Db | Tx, name = "Test Customer"): Promise<UserActor> {
  const email = `c-${randomUUID()}@test.dev`;
  const [u] = await db.insert(users).values({ email, name, role: "customer", passwordHash: "scrypt$x" }).returning();
  return { kind: "user", id: u!.id, email, name, role: "customer", organisationId: null };
}
