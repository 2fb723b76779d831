import { beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { demoIds } from "@/test/orders-fixtures";
import { GET } from "./route";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
});

describe("GET /api/locations/{id}/stock", () => {
  it("shows a dealer its own hub: onHand, reserved, available per variant", async () => {
    const res = await call(GET, {
      as: await actorFor(t.db, "dealer@demo.test"),
      params: { id: ids.loc("HUB-GANGNAM") },
    });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(10);
    for (const row of res.body) {
      expect(row).toMatchObject({
        variantId: expect.any(String),
        sku: expect.any(String),
        onHand: expect.any(Number),
        reserved: expect.any(Number),
      });
      expect(row.available).toBe(row.onHand - row.reserved);
    }
  });

  it("shows marketing any location, and a seller its warehouse", async () => {
    const marketing = await actorFor(t.db, "marketing@demo.test");
    for (const code of ["HUB-GANGNAM", "LC-BUSAN", "WH-SMARTHOME"]) {
      expect((await call(GET, { as: marketing, params: { id: ids.loc(code) } })).status).toBe(200);
    }
    const seller = await call(GET, {
      as: await actorFor(t.db, "seller@demo.test"),
      params: { id: ids.loc("WH-DIGITALPLAZA") },
    });
    expect(seller.status).toBe(200);
    expect(seller.body.every((r: { sku: string }) => r.sku.startsWith("DP-"))).toBe(true);
  });

  it("refuses: 401 anonymous, 403 customers, 404 another organisation's location or an unknown id", async () => {
    const hub = ids.loc("HUB-GANGNAM");
    expect((await call(GET, { params: { id: hub } })).status).toBe(401);
    expect(
      (await call(GET, { as: await actorFor(t.db, "customer@demo.test"), params: { id: hub } })).status,
    ).toBe(403);
    expect(
      (await call(GET, { as: await actorFor(t.db, "dealer2@demo.test"), params: { id: hub } })).status,
    ).toBe(404);
    expect(
      (await call(GET, { as: await actorFor(t.db, "seller@demo.test"), params: { id: hub } })).status,
    ).toBe(404);
    expect(
      (
        await call(GET, {
          as: await actorFor(t.db, "seller2@demo.test"),
          params: { id: ids.loc("WH-DIGITALPLAZA") },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(GET, { as: await actorFor(t.db, "dealer@demo.test"), params: { id: "LC-ICHEON" } })).status,
    ).toBe(404);
    expect(
      (
        await call(GET, {
          as: await actorFor(t.db, "marketing@demo.test"),
          params: { id: "00000000-0000-4000-8000-000000000000" },
        })
      ).status,
    ).toBe(404);
  });
});
