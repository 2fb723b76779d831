import { encode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { setupTestDb } from "@/test/db";
import { requestActor } from "./session";

// The session is checked against the user row (at most every few seconds): these users exist.
const t = setupTestDb();
const ids = ["0193a1b2-0000-7000-8000-000000000001", "0193a1b2-0000-7000-8000-000000000002", "0193a1b2-0000-7000-8000-000000000003", "0193a1b2-0000-7000-8000-000000000004"];
beforeAll(async () => {
  for (const [i, id] of ids.entries())
    await t.db.execute(sql`insert into users (id, email, name, role, password_hash) values (${id}, ${`s${i}@example.com`}, 'A', 'customer', 'x')`);
});

const user = {
  uid: "0193a1b2-0000-7000-8000-000000000001",
  role: "customer" as const,
  organisationId: null,
  email: "a@demo.test",
  name: "A",
};

function requestWith(cookie?: string) {
  return new NextRequest("http://localhost:3000/api/x", { headers: cookie ? { cookie } : {} });
}

async function token(
  claims: Pick<JWT, "uid" | "role" | "organisationId" | "email" | "name">,
  maxAge?: number,
) {
  return encode({ secret: process.env.NEXTAUTH_SECRET!, token: { sub: claims.uid, ...claims }, maxAge });
}

describe("requestActor", () => {
  afterEach(() => vi.useRealTimers());

  it("reads the actor from the session cookie, the same on a second (remembered) read", async () => {
    const t = await token(user);
    const first = await requestActor(requestWith(`next-auth.session-token=${t}`));
    const again = await requestActor(requestWith(`next-auth.session-token=${t}`));
    expect(first).toEqual({
      kind: "user",
      id: user.uid,
      email: user.email,
      name: user.name,
      role: "customer",
      organisationId: null,
    });
    expect(again).toEqual(first);
  });

  it("is null without a cookie, and for a cookie that does not decrypt (never remembered)", async () => {
    expect(await requestActor(requestWith())).toBeNull();
    const t = await token(user);
    const forged = t.slice(0, -4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await requestActor(requestWith(`next-auth.session-token=${forged}`))).toBeNull();
    expect(await requestActor(requestWith(`next-auth.session-token=${forged}`))).toBeNull();
  });

  it("stops accepting a remembered token once it has expired", async () => {
    const t = await token({ ...user, uid: "0193a1b2-0000-7000-8000-000000000002" }, 60);
    expect(await requestActor(requestWith(`next-auth.session-token=${t}`))).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    expect(await requestActor(requestWith(`next-auth.session-token=${t}`))).toBeNull();
  });

  it("keeps the claims of each token apart", async () => {
    const a = await token(user);
    const b = await token({ ...user, uid: "0193a1b2-0000-7000-8000-000000000003", email: "b@demo.test" });
    expect((await requestActor(requestWith(`next-auth.session-token=${a}`)))?.email).toBe("a@demo.test");
    expect((await requestActor(requestWith(`next-auth.session-token=${b}`)))?.email).toBe("b@demo.test");
    expect((await requestActor(requestWith(`next-auth.session-token=${a}`)))?.id).toBe(user.uid);
  });

  it("stops working within the recheck interval once the user's role or organisation changed", async () => {
    process.env.HUB_SESSION_RECHECK_SECONDS = "1";
    try {
      const id = "0193a1b2-0000-7000-8000-000000000004";
      const t4 = await token({ ...user, uid: id });
      const cookie = `next-auth.session-token=${t4}`;
      expect(await requestActor(requestWith(cookie))).not.toBeNull();
      // The role changes (a customer made a seller of an organisation): the old session stops.
      const [org] = await t.db.execute<{ id: string }>(sql`insert into organisations (name, name_en, kind) values ('S', 'S', 'seller') returning id`);
      await t.db.execute(sql`update users set role = 'seller', organisation_id = ${org!.id} where id = ${id}`);
      expect(await requestActor(requestWith(cookie))).not.toBeNull(); // within the interval: remembered
      await new Promise((r) => setTimeout(r, 1100));
      expect(await requestActor(requestWith(cookie))).toBeNull();
      // Changed back, it works again; deleted, it stops.
      await t.db.execute(sql`update users set role = 'customer', organisation_id = null where id = ${id}`);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await requestActor(requestWith(cookie))).not.toBeNull();
      await t.db.execute(sql`delete from users where id = ${id}`);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await requestActor(requestWith(cookie))).toBeNull();
    } finally {
      delete process.env.HUB_SESSION_RECHECK_SECONDS;
    }
  });

  it("reads the user row once per interval, not once per request", async () => {
    const t1 = await token(user);
    const cookie = `next-auth.session-token=${t1}`;
    await requestActor(requestWith(cookie));
    const spy = vi.spyOn(await import("@/db/client"), "getDb");
    for (let i = 0; i < 50; i++) await requestActor(requestWith(cookie));
    expect(spy).not.toHaveBeenCalled();
  });
});
