import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { placeOrder } from "@/lib/orders/place-order";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { address, demoIds } from "@/test/orders-fixtures";

const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
const { cancelSellerOrderAction, fulfilmentStepAction } = await import("./actions");

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
});

async function part() {
  const { order } = await placeOrder(t.db, await actorFor(t.db, "customer@demo.test"), {
    items: [{ variantId: ids.variant("SM-S938N-1-1"), quantity: 1 }],
    sourceLocationId: ids.loc("HUB-GANGNAM"),
    shippingAddress: address("seoul"),
  });
  return order.sellerOrders[0]!.id;
}

describe("the fulfilment queue's server actions", () => {
  it("steps a seller order on for the operator of its source; illegal steps and unknown steps are refused", async () => {
    const id = await part();
    session.actor = await actorFor(t.db, "dealer@demo.test");
    expect(await fulfilmentStepAction(id, "ship")).toMatchObject({
      ok: false,
      code: "seller_order.illegal_transition",
    });
    expect(await fulfilmentStepAction(id, "teleport")).toMatchObject({
      ok: false,
      code: "fulfilment.unknown_step",
    });
    for (const [step, status] of [
      ["accept", "accepted"],
      ["pack", "packed"],
      ["ship", "shipped"],
      ["deliver", "delivered"],
    ]) {
      expect(await fulfilmentStepAction(id, step!)).toEqual({ ok: true, data: { status } });
    }
  });

  it("cancels with a reason; without one it names the field", async () => {
    const id = await part();
    session.actor = await actorFor(t.db, "dealer@demo.test");
    expect(await cancelSellerOrderAction(id, "")).toMatchObject({
      ok: false,
      errors: { reason: expect.any(String) },
    });
    expect(await cancelSellerOrderAction(id, "hub closed today")).toEqual({
      ok: true,
      data: { status: "cancelled" },
    });
  });

  it("refuses the anonymous, customers, and other organisations", async () => {
    const id = await part();
    for (const [who, code] of [
      [null, "auth.unauthenticated"],
      ["customer@demo.test", "auth.forbidden"],
      ["dealer2@demo.test", "seller_order.not_found"],
      ["marketing@demo.test", "seller_order.not_found"],
      ["seller@demo.test", "seller_order.not_found"],
    ] as const) {
      session.actor = who ? await actorFor(t.db, who) : null;
      expect(await fulfilmentStepAction(id, "accept")).toMatchObject({ ok: false, code });
      expect(await cancelSellerOrderAction(id, "nope")).toMatchObject({ ok: false, code });
    }
    session.actor = await actorFor(t.db, "store@demo.test");
    expect(await fulfilmentStepAction(id, "accept")).toMatchObject({
      ok: false,
      code: "seller_order.not_operator",
    });
  });
});
