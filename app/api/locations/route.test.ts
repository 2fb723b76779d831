import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { GET } from "./route";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

describe("GET /api/locations", () => {
  it("answers [{ id, code, name, kind, region }] for the whole network", async () => {
    const res = await call(GET);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(14);
    const kinds = new Set(res.body.map((l: { kind: string }) => l.kind));
    expect([...kinds].sort()).toEqual(["dealer_hub", "logistics_center", "org_hub", "seller_warehouse"]);
    expect(res.body[0]).toMatchObject({
      id: expect.any(String),
      code: expect.any(String),
      name: expect.any(String),
      kind: "logistics_center",
      region: expect.any(String),
    });
  });
});
