import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { forwardedFor, withPeerAddress } from "@/lib/http/peer";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";

// Auth.js reads the request's headers and cookies through next/headers (a CommonJS require, which
// vi.mock does not reach): give it this request's, as Next would inside a request.
const current = { als: new AsyncLocalStorage<Headers>() };
const nextHeaders = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
nextHeaders.headers = async () => current.als.getStore()!;
nextHeaders.cookies = async () => {
  const all = (current.als.getStore()!.get("cookie") ?? "")
    .split(";")
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1) }));
  return { getAll: () => all, get: (n: string) => all.find((c) => c.name === n) };
};


const t = setupTestDb();
const { POST } = await import("@/app/api/auth/[...nextauth]/route");

/** The Auth.js credentials flow: a CSRF token (cookie + field) and the form fields. */
function signInRequest(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = randomBytes(16).toString("hex");
  const hash = createHash("sha256").update(`${csrf}${process.env.NEXTAUTH_SECRET}`).digest("hex");
  return new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `next-auth.csrf-token=${csrf}|${hash}`,
      ...headers,
    },
    body: new URLSearchParams({ csrfToken: csrf, email, password, json: "true" }).toString(),
  });
}
const params = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const req = signInRequest(email, password, headers);
  const res = await current.als.run(new Headers(req.headers), () => POST(req, params));
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

// The web server of `npm start` (scripts/serve.ts): a real socket, the peer's address stamped by withPeerAddress.
let server: Server;
let base: string;
beforeAll(async () => {
  await seedDemo(t.db);
  server = createServer(
    withPeerAddress(async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const nreq = new NextRequest(`http://localhost:3000${req.url}`, {
        method: req.method,
        headers,
        body: Buffer.concat(chunks),
      });
      const out = await current.als.run(headers, () => POST(nreq, params));
      res.writeHead(out.status, Object.fromEntries(out.headers.entries()));
      res.end(Buffer.from(await out.arrayBuffer()));
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  for (const k of ["HUB_RATE_SIGNIN_FAILURES", "HUB_RATE_SIGNIN_PER_EMAIL_PER_HOUR", "HUB_TRUSTED_PROXY_HOPS", "HUB_RATE_LIMITS"])
    delete process.env[k];
});

async function overSocket(email: string, password: string, xff?: string) {
  const req = signInRequest(email, password, xff ? { "x-forwarded-for": xff } : {});
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: req.headers,
    body: await req.text(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe("sign-in limits that hold", () => {
  it("signs in with the right password (the flow works end to end)", async () => {
    const ok = await overSocket("customer2@demo.test", "demo-password");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toContain("next-auth.session-token=");
  });

  it("counts the connection's address: 12 failures each with its own X-Forwarded-For, then the right password is refused", async () => {
    for (let i = 0; i < 12; i++) {
      const r = await overSocket("customer@demo.test", "wrong-password", `203.0.113.${i + 1}`);
      expect(r.status).toBe(i < 10 ? 401 : 429);
    }
    const right = await overSocket("customer@demo.test", "demo-password", "198.51.100.200");
    expect(right.status).toBe(429);
    expect(right.headers.get("content-type")).toBe("application/problem+json");
    expect(right.body).toMatchObject({ status: 429, code: "rate_limited" });
    expect(String(right.body.url)).toContain("error=rate_limited");
    expect(right.headers.get("set-cookie") ?? "").not.toContain("session-token");
    const wait = Number(right.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
  });

  it("judges at most 10 of 30 parallel wrong passwords; the rest are refused as limited", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => signIn("dealer@demo.test", "wrong-password", { "x-forwarded-for": "198.51.100.30" })),
    );
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.status === 401).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 401).every((a) => a.status === 429)).toBe(true);
    expect(await signIn("dealer@demo.test", "demo-password", { "x-forwarded-for": "198.51.100.30" })).toMatchObject({ status: 429 });
  });

  it("slows an attacker spread over many addresses: a ceiling per email over an hour, 429 with Retry-After", async () => {
    process.env.HUB_RATE_SIGNIN_PER_EMAIL_PER_HOUR = "5";
    for (let i = 0; i < 5; i++)
      expect((await signIn("seller@demo.test", "wrong-password", { "x-forwarded-for": `192.0.2.${i + 1}` })).status).toBe(401);
    const refused = await signIn("seller@demo.test", "demo-password", { "x-forwarded-for": "192.0.2.99" });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(15 * 60); // the hour's window…
    expect(wait).toBeLessThanOrEqual(3600); // …and never longer: no permanent lockout
    // Another email is not affected.
    expect((await signIn("seller2@demo.test", "demo-password", { "x-forwarded-for": "192.0.2.99" })).status).toBe(200);
  });

  it("clears the counts on a successful sign-in", async () => {
    process.env.HUB_RATE_SIGNIN_FAILURES = "3";
    const from = { "x-forwarded-for": "198.51.100.95" };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect((await signIn("dealer2@demo.test", "wrong-password", from)).status).toBe(401);
      expect((await signIn("dealer2@demo.test", "demo-password", from)).status).toBe(200);
    }
  });

  it("does not lock the customer's own device out when another address guesses", async () => {
    process.env.HUB_RATE_SIGNIN_FAILURES = "3";
    for (let i = 0; i < 3; i++)
      expect((await signIn("marketing@demo.test", "nope-nope", { "x-forwarded-for": "198.51.100.90" })).status).toBe(401);
    expect((await signIn("marketing@demo.test", "demo-password", { "x-forwarded-for": "198.51.100.90" })).status).toBe(429);
    expect((await signIn("marketing@demo.test", "demo-password", { "x-forwarded-for": "198.51.100.91" })).status).toBe(200);
  });
});

describe("forwardedFor (what the server writes for Next)", () => {
  it("is the peer alone with no trusted proxy, and the trusted tail plus the peer behind N proxies", () => {
    expect(forwardedFor("6.6.6.6", "10.0.0.2", 0)).toBe("10.0.0.2");
    expect(forwardedFor(undefined, "10.0.0.2", 0)).toBe("10.0.0.2");
    expect(forwardedFor("6.6.6.6, 198.51.100.4", "10.0.0.2", 1)).toBe("198.51.100.4, 10.0.0.2");
    expect(forwardedFor(["1.1.1.1", "2.2.2.2, 3.3.3.3"], "10.0.0.2", 2)).toBe("2.2.2.2, 3.3.3.3, 10.0.0.2");
  });
});
