import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { GET } from "./route";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

describe("GET /api/sellers", () => {
  it("answers [{ id, name, kind }] with exactly one retailer", async () => {
    const res = await call(GET, { url: "/api/sellers?whatever=1" });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
    expect(res.body.filter((s: { kind: string }) => s.kind === "retailer")).toHaveLength(1);
    for (const s of res.body)
      expect(s).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        nameEn: expect.any(String),
        kind: expect.stringMatching(/^(retailer|marketplace)$/),
      });
  });
});
