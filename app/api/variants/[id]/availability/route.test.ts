import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { stockLevels, variants } from "@/db/schema";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { GET } from "./route";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));
const variantId = async (sku: string) =>
  (await t.db.select({ id: variants.id }).from(variants).where(eq(variants.sku, sku)))[0]!.id;

describe("GET /api/variants/{id}/availability", () => {
  it("answers [{ locationId, kind, available }] for every location holding the variant", async () => {
    const id = await variantId("IP16-1-2");
    const res = await call(GET, { params: { id } });
    expect(res.status).toBe(200);
    const levels = await t.db.select().from(stockLevels).where(eq(stockLevels.variantId, id));
    expect(res.body).toHaveLength(levels.length);
    for (const l of levels) {
      expect(res.body).toContainEqual(
        expect.objectContaining({
          locationId: l.locationId,
          available: l.onHand - l.reserved,
          kind: expect.any(String),
        }),
      );
    }
  });

  it.each([
    ["a malformed id", "nope"],
    ["an unknown id", "6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"],
  ])("answers %s with a 404 problem", async (_l, id) => {
    const res = await call(GET, { params: { id } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 404 for a variant of a product not on sale", async () => {
    const res = await call(GET, { params: { id: await variantId("SH-RMT-BT-1") } });
    expect(res.status).toBe(404);
  });
});
