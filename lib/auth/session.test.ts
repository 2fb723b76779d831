import { encode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { requestActor } from "./session";

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
    const b = await token({
      ...user,
      uid: "0193a1b2-0000-7000-8000-000000000003",
      role: "dealer",
      organisationId: "org-1",
    });
    expect((await requestActor(requestWith(`next-auth.session-token=${a}`)))?.role).toBe("customer");
    expect((await requestActor(requestWith(`next-auth.session-token=${b}`)))?.role).toBe("dealer");
    expect((await requestActor(requestWith(`next-auth.session-token=${a}`)))?.id).toBe(user.uid);
  });
});
