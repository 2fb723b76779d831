import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { POST } from "./route";

const t = setupTestDb();
const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

describe("POST /api/signup", () => {
  it("creates a customer account", async () => {
    const res = await call(POST, {
      body: { email: "Mina@Example.com", password: "correct horse", name: "Mina" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), email: "mina@example.com" });
    const [row] = await t.db.select().from(users).where(eq(users.id, res.body.id));
    expect(row!.role).toBe("customer");
    expect(row!.passwordHash).not.toContain("correct horse");
  });

  it("refuses a taken email with 409", async () => {
    await call(POST, { body: { email: "dup@example.com", password: "0123456789", name: "A" } });
    const res = await call(POST, { body: { email: "DUP@example.com", password: "0123456789", name: "B" } });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each([
    ["malformed JSON", { rawBody: "{nope" }, 400],
    ["an empty body", { rawBody: "" }, 400],
    ["a weak password", { body: { email: "a@b.co", password: "short", name: "A" } }, 422],
    ["a missing field", { body: { email: "a@b.co", password: "0123456789" } }, 422],
    [
      "an unknown field",
      { body: { email: "a@b.co", password: "0123456789", name: "A", role: "marketing" } },
      422,
    ],
    ["wrong types", { body: { email: 42, password: ["x"], name: null } }, 422],
    ["a huge password", { body: { email: "a@b.co", password: "x".repeat(100_000), name: "A" } }, 422],
    ["an array body", { body: [] }, 422],
  ])("answers %s with a problem and writes nothing", async (_label, opts, status) => {
    const before = await count();
    const res = await call(POST, { method: "POST", ...opts });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.status).toBe(status);
    expect(await count()).toBe(before);
  });

  it("names the offending fields", async () => {
    const res = await call(POST, {
      body: { email: "nope", password: "0123456789", name: "A", isAdmin: true },
    });
    expect(res.body.errors).toMatchObject({ email: expect.any(String), isAdmin: "Unknown field." });
  });
});
