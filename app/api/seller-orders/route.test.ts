import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sellerOrderEvents, sellerOrders } from "@/db/schema";
import { placeOrder } from "@/lib/orders/place-order";
import { call } from "@/test/http";
import { setupDemoWorld } from "@/test/demo-world";
import { address, setStock, stockAt } from "@/test/orders-fixtures";
import { POST as accept } from "./[id]/accept/route";
import { POST as cancel } from "./[id]/cancel/route";
import { POST as deliver } from "./[id]/deliver/route";
import { POST as pack } from "./[id]/pack/route";
import { GET as getOne } from "./[id]/route";
import { POST as ship } from "./[id]/ship/route";
import { GET as queue } from "./route";

const { t, ids, who } = setupDemoWorld();

beforeAll(async () => {
  await setStock(t.db, ids.loc("HUB-GANGNAM"), ids.variant("IP16P-2-1"), 200);
});

/** A fresh order from the Gangnam dealer hub: returns its seller order id. */
async function hubPart() {
  const { order } = await placeOrder(t.db, who.customer!, {
    items: [{ variantId: ids.variant("IP16P-2-1"), quantity: 1 }],
    sourceLocationId: ids.loc("HUB-GANGNAM"),
    shippingAddress: address("seoul"),
  });
  return order.sellerOrders[0]!.id;
}
const status = async (id: string) =>
  (await t.db.select().from(sellerOrders).where(eq(sellerOrders.id, id)))[0]!.status;

describe("POST /api/seller-orders/{id}/accept|pack|ship|deliver", () => {
  it("walks a part to delivered, recording each step; shipping moves stock", async () => {
    const id = await hubPart();
    const before = await stockAt(t.db, ids.loc("HUB-GANGNAM"), ids.variant("IP16P-2-1"));
    for (const [handler, to] of [
      [accept, "accepted"],
      [pack, "packed"],
      [ship, "shipped"],
      [deliver, "delivered"],
    ] as const) {
      const res = await call(handler, { as: who.dealer, params: { id }, body: {} });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: to });
    }
    expect(await stockAt(t.db, ids.loc("HUB-GANGNAM"), ids.variant("IP16P-2-1"))).toEqual({
      onHand: before.onHand - 1,
      reserved: before.reserved - 1,
    });
    const events = await t.db.select().from(sellerOrderEvents).where(eq(sellerOrderEvents.sellerOrderId, id));
    expect(events).toHaveLength(5);
  });

  it("answers an illegal step with 409 and changes nothing", async () => {
    const id = await hubPart();
    const res = await call(deliver, { as: who.dealer, params: { id }, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("seller_order.illegal_transition");
    expect(await status(id)).toBe("confirmed");
  });

  it.each([
    ["malformed JSON", { rawBody: "{{" }, 400],
    ["an empty body", { rawBody: "" }, 400],
    ["an unknown field", { body: { status: "delivered" } }, 422],
    ["a note of the wrong type", { body: { note: ["x"] } }, 422],
    ["a huge note", { body: { note: "x".repeat(501) } }, 422],
  ])("answers %s with a problem, changing nothing", async (_label, opts, code) => {
    const id = await hubPart();
    for (const handler of [accept, pack, ship, deliver]) {
      const res = await call(handler, { method: "POST", as: who.dealer, params: { id }, ...opts });
      expect(res.status).toBe(code);
    }
    expect(await status(id)).toBe("confirmed");
  });

  it("refuses 401 anonymous, 403 customers, 404 other organisations, 403 the seller that does not ship it, 404 bad ids", async () => {
    const id = await hubPart();
    for (const handler of [accept, pack, ship, deliver]) {
      expect((await call(handler, { params: { id }, body: {} })).status).toBe(401);
      expect((await call(handler, { as: who.customer, params: { id }, body: {} })).status).toBe(403);
      for (const staff of ["dealer2", "marketing", "seller", "seller2"]) {
        expect((await call(handler, { as: who[staff], params: { id }, body: {} })).status).toBe(404);
      }
      expect((await call(handler, { as: who.store, params: { id }, body: {} })).status).toBe(403);
      expect((await call(handler, { as: who.dealer, params: { id: "zzz" }, body: {} })).status).toBe(404);
    }
    expect(await status(id)).toBe("confirmed");
  });
});

describe("POST /api/seller-orders/{id}/cancel", () => {
  it("cancels one part with a reason; a second time is 409", async () => {
    const id = await hubPart();
    const res = await call(cancel, { as: who.dealer, params: { id }, body: { reason: "hub flooded" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", cancelReason: "hub flooded" });
    expect((await call(cancel, { as: who.dealer, params: { id }, body: { reason: "again" } })).status).toBe(
      409,
    );
  });

  it("needs a reason (422) and refuses who must be refused", async () => {
    const id = await hubPart();
    expect((await call(cancel, { as: who.dealer, params: { id }, body: {} })).status).toBe(422);
    expect((await call(cancel, { as: who.dealer, params: { id }, body: { reason: "" } })).status).toBe(422);
    expect(
      (await call(cancel, { as: who.dealer, params: { id }, rawBody: "nope", method: "POST" })).status,
    ).toBe(400);
    expect((await call(cancel, { params: { id }, body: { reason: "x" } })).status).toBe(401);
    expect((await call(cancel, { as: who.customer, params: { id }, body: { reason: "x" } })).status).toBe(
      403,
    );
    expect((await call(cancel, { as: who.dealer2, params: { id }, body: { reason: "x" } })).status).toBe(404);
    expect((await call(cancel, { as: who.seller, params: { id }, body: { reason: "x" } })).status).toBe(404);
    expect(await status(id)).toBe("confirmed");
  });
});

describe("GET /api/seller-orders and /api/seller-orders/{id}", () => {
  it("lists the caller's queue with filters and pagination", async () => {
    const id = await hubPart();
    await hubPart();
    const res = await call(queue, {
      as: who.dealer,
      url: `/api/seller-orders?status=confirmed&locationId=${ids.loc("HUB-GANGNAM")}&pageSize=1&sort=-createdAt`,
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items[0].shipTo.region).toBe("seoul");
    expect((await call(queue, { as: who.dealer2 })).body.items.some((i: { id: string }) => i.id === id)).toBe(
      false,
    );
    expect((await call(queue, { as: who.customer })).status).toBe(403);
    expect((await call(queue, {})).status).toBe(401);
    for (const bad of ["status=lost", "pageSize=1000", "page=-1", "sort=price", "locationId=abc", "foo=1"]) {
      const r = await call(queue, { as: who.dealer, url: `/api/seller-orders?${bad}` });
      expect(r.status, bad).toBe(422);
    }
  });

  it("shows one seller order to its operator and its seller only", async () => {
    const id = await hubPart();
    expect((await call(getOne, { as: who.dealer, params: { id } })).status).toBe(200);
    expect((await call(getOne, { as: who.store, params: { id } })).status).toBe(200);
    expect((await call(getOne, { as: who.dealer2, params: { id } })).status).toBe(404);
    expect((await call(getOne, { as: who.customer, params: { id } })).status).toBe(403);
    expect((await call(getOne, { params: { id } })).status).toBe(401);
    expect((await call(getOne, { as: who.dealer, params: { id: "1" } })).status).toBe(404);
  });
});
