import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { GET } from "./route";

const t = setupTestDb();

describe("GET /api/health", () => {
  it("is ok while the database answers", async () => {
    const res = await call(GET);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: "ok" });
  });

  it("is 503 when the database is unreachable", async () => {
    const g = globalThis as unknown as { __hubDb?: ReturnType<typeof createDb> };
    const real = g.__hubDb;
    // A port nothing listens on.
    g.__hubDb = createDb(t.url.replace(/:\d+\//, ":1/"), { max: 1 });
    try {
      const res = await call(GET);
      expect(res.status).toBe(503);
      expect(res.body.db).toBe("unreachable");
    } finally {
      await g.__hubDb.sql.end({ timeout: 1 });
      g.__hubDb = real;
    }
  });
});
