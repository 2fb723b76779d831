import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cartItems } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { demoIds } from "@/test/orders-fixtures";
import { DELETE, PATCH } from "./items/[variantId]/route";
import { POST as add } from "./items/route";
import { GET } from "./route";

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor;
const lines = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(cartItems))[0]!.n;

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  customer = await makeCustomer(t.db);
});

describe("the cart API", () => {
  it("adds, adds again to the same line, changes the quantity, removes; items of several sellers", async () => {
    const phone = ids.variant("SM-S931N-1-1");
    const router = ids.variant("DP-AX6E-1");
    expect((await call(add, { as: customer, body: { variantId: phone, quantity: 1 } })).status).toBe(201);
    const again = await call(add, { as: customer, body: { variantId: phone, quantity: 2 } });
    expect(again.body).toEqual({ variantId: phone, quantity: 3 });
    await call(add, { as: customer, body: { variantId: router, quantity: 1 } });
    const cart = await call(GET, { as: customer });
    expect(cart.status).toBe(200);
    expect(cart.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ["SM-S931N-1-1", 3],
      ["DP-AX6E-1", 1],
    ]);
    expect(new Set(cart.body.lines.map((l: { sellerId: string }) => l.sellerId)).size).toBe(2);
    expect(cart.body.total).toBe(3 * ids.price("SM-S931N-1-1") + ids.price("DP-AX6E-1"));
    expect(cart.body.lines[0].optionsLabelEn).toBe("Icy Blue / 256GB");
    const patched = await call(PATCH, { as: customer, params: { variantId: phone }, body: { quantity: 5 } });
    expect(patched.body).toEqual({ variantId: phone, quantity: 5 });
    expect(
      (await call(DELETE, { as: customer, params: { variantId: router }, method: "DELETE" })).status,
    ).toBe(204);
    expect(
      (await call(DELETE, { as: customer, params: { variantId: router }, method: "DELETE" })).status,
    ).toBe(404);
    expect((await call(GET, { as: customer })).body.lines).toHaveLength(1);
  });

  it("keeps a line at 1,000 at most, and only sells on-sale stock products", async () => {
    const shopper = await makeCustomer(t.db);
    const v = ids.variant("SM-S931N-2-1");
    await call(add, { as: shopper, body: { variantId: v, quantity: 1000 } });
    const over = await call(add, { as: shopper, body: { variantId: v, quantity: 1 } });
    expect(over.status).toBe(422);
    expect(over.body.errors).toHaveProperty("quantity");
    expect(
      (await call(add, { as: shopper, body: { variantId: ids.variant("DP-PB20K-1"), quantity: 1 } })).status,
    ).toBe(409);
    const reservation = await call(add, {
      as: shopper,
      body: { variantId: ids.variant("SVC-SETUP-1"), quantity: 1 },
    });
    expect(reservation.status).toBe(422);
    expect(reservation.body.errors).toHaveProperty("variantId");
    const unknown = await call(add, {
      as: shopper,
      body: { variantId: "00000000-0000-4000-8000-000000000000", quantity: 1 },
    });
    expect(unknown.status).toBe(422);
  });

  it.each([
    ["malformed JSON", { rawBody: "{" }, 400, null],
    ["an empty body", { rawBody: "" }, 400, null],
    ["a missing quantity", { body: { variantId: "00000000-0000-4000-8000-000000000000" } }, 422, "quantity"],
    [
      "an unknown field",
      { body: { variantId: "00000000-0000-4000-8000-000000000000", quantity: 1, price: 1 } },
      422,
      "price",
    ],
    [
      "a negative quantity",
      { body: { variantId: "00000000-0000-4000-8000-000000000000", quantity: -3 } },
      422,
      "quantity",
    ],
    [
      "a huge quantity",
      { body: { variantId: "00000000-0000-4000-8000-000000000000", quantity: 99999999 } },
      422,
      "quantity",
    ],
    ["a variant id of the wrong type", { body: { variantId: 7, quantity: 1 } }, 422, "variantId"],
  ])("POST answers %s with a problem, writing nothing", async (_l, opts, status, field) => {
    const before = await lines();
    const res = await call(add, { method: "POST", as: customer, ...opts });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await lines()).toBe(before);
  });

  it.each([
    ["malformed JSON", { rawBody: "[" }, 400],
    ["a zero quantity", { body: { quantity: 0 } }, 422],
    ["a huge quantity", { body: { quantity: 1001 } }, 422],
    ["an unknown field", { body: { quantity: 1, variantId: "x" } }, 422],
  ])("PATCH answers %s with a problem", async (_l, opts, status) => {
    const v = ids.variant("SM-S931N-3-1");
    const shopper = await makeCustomer(t.db);
    await call(add, { as: shopper, body: { variantId: v, quantity: 2 } });
    const res = await call(PATCH, { method: "PATCH", as: shopper, params: { variantId: v }, ...opts });
    expect(res.status).toBe(status);
    expect(
      (await call(GET, { as: shopper })).body.lines.find((l: { variantId: string }) => l.variantId === v)
        .quantity,
    ).toBe(2);
  });

  it("is the customer's own: 401 anonymous, 403 staff, 404 for a line not in my cart", async () => {
    const v = ids.variant("SM-S931N-3-2");
    await call(add, { as: customer, body: { variantId: v, quantity: 1 } });
    const before = await lines();
    for (const [h, opts] of [
      [GET, {}],
      [add, { body: { variantId: v, quantity: 1 } }],
      [PATCH, { params: { variantId: v }, body: { quantity: 2 }, method: "PATCH" }],
      [DELETE, { params: { variantId: v }, method: "DELETE" }],
    ] as const) {
      expect((await call(h as typeof GET, opts as object)).status).toBe(401);
      expect(
        (await call(h as typeof GET, { ...(opts as object), as: await actorFor(t.db, "dealer@demo.test") }))
          .status,
      ).toBe(403);
    }
    const other = await makeCustomer(t.db);
    expect((await call(PATCH, { as: other, params: { variantId: v }, body: { quantity: 2 } })).status).toBe(
      404,
    );
    expect((await call(DELETE, { as: other, params: { variantId: v }, method: "DELETE" })).status).toBe(404);
    expect((await call(DELETE, { as: other, params: { variantId: "nope" }, method: "DELETE" })).status).toBe(
      404,
    );
    expect(await lines()).toBe(before);
  });
});
