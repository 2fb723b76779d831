import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { address, demoIds } from "@/test/orders-fixtures";

// The actions read the signed-in user from the request; here the test says who is signed in.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
// …and the request's headers (the rate limits read the client's address from them).
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }) }));

const { addToCartAction, removeCartLineAction, updateCartLineAction } = await import("./cart/actions");
const { placeOrderAction } = await import("./checkout/actions");
const { cancelOrderAction } = await import("./orders/actions");

const t = setupTestDb();
let ids: Awaited<ReturnType<typeof demoIds>>;
const count = async (table: string) =>
  (await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n as number;

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
});

describe("the shop's server actions", () => {
  it("add, change and remove cart lines for the signed-in customer", async () => {
    session.actor = await makeCustomer(t.db);
    const v = ids.variant("SM-S931N-1-1");
    expect(await addToCartAction(v, 2)).toEqual({ ok: true, data: { variantId: v, quantity: 2 } });
    expect(await updateCartLineAction(v, 5)).toEqual({ ok: true, data: { variantId: v, quantity: 5 } });
    expect(await updateCartLineAction(v, 0)).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { quantity: expect.any(String) },
    });
    expect(await removeCartLineAction(v)).toEqual({ ok: true, data: undefined });
    expect(await removeCartLineAction(v)).toMatchObject({ ok: false, code: "cart.line_not_found" });
  });

  it("places an order from the checkout once per idempotency key, and empties those cart lines", async () => {
    session.actor = await makeCustomer(t.db);
    const v = ids.variant("SM-S931N-1-2");
    await addToCartAction(v, 1);
    const body = {
      items: [{ variantId: v, quantity: 1 }],
      sourceLocationId: ids.loc("LC-ICHEON"),
      shippingAddress: address(),
    };
    const first = await placeOrderAction(body, "checkout-key-0001");
    const again = await placeOrderAction(body, "checkout-key-0001");
    expect(first).toMatchObject({ ok: true, data: { orderId: expect.any(String) } });
    expect(again).toEqual(first);
    expect(
      await t.db.execute(sql`select count(*)::int as n from cart_items where user_id = ${session.actor.id}`),
    ).toEqual([{ n: 0 }]);
    expect(await placeOrderAction(body, "short")).toMatchObject({
      ok: false,
      code: "request.idempotency_key",
    });
    expect(
      await placeOrderAction({ ...body, payment: { cardNumber: "4000000000000002" } }, "checkout-key-0002"),
    ).toMatchObject({
      ok: false,
      code: "payment.declined",
      meta: { reason: "card_declined" },
    });
    expect(
      await placeOrderAction(
        { ...body, shippingAddress: { ...address(), postalCode: "x" } },
        "checkout-key-0003",
      ),
    ).toMatchObject({
      ok: false,
      errors: { "shippingAddress.postalCode": expect.any(String) },
    });
  });

  it("cancels my order; another customer's is not found", async () => {
    const owner = await makeCustomer(t.db);
    session.actor = owner;
    const placed = await placeOrderAction(
      {
        items: [{ variantId: ids.variant("SM-S931N-2-2"), quantity: 1 }],
        sourceLocationId: ids.loc("LC-ICHEON"),
        shippingAddress: address(),
      },
      "checkout-key-0004",
    );
    const orderId = (placed as { data: { orderId: string } }).data.orderId;
    session.actor = await makeCustomer(t.db);
    expect(await cancelOrderAction(orderId, "")).toMatchObject({ ok: false, code: "order.not_found" });
    session.actor = owner;
    expect(await cancelOrderAction(orderId, "changed my mind")).toEqual({
      ok: true,
      data: { status: "cancelled" },
    });
    expect(await cancelOrderAction(orderId, "")).toMatchObject({
      ok: false,
      code: "order.already_cancelled",
    });
  });

  it("refuses the anonymous and staff for every shop action, writing nothing", async () => {
    const v = ids.variant("SM-S931N-3-1");
    const body = {
      items: [{ variantId: v, quantity: 1 }],
      sourceLocationId: ids.loc("LC-ICHEON"),
      shippingAddress: address(),
    };
    const before = [await count("cart_items"), await count("orders")];
    for (const [who, code] of [
      [null, "auth.unauthenticated"],
      ["dealer@demo.test", "auth.forbidden"],
      ["marketing@demo.test", "auth.forbidden"],
      ["seller@demo.test", "auth.forbidden"],
    ] as const) {
      session.actor = who ? await actorFor(t.db, who) : null;
      for (const res of [
        await addToCartAction(v, 1),
        await updateCartLineAction(v, 2),
        await removeCartLineAction(v),
        await placeOrderAction(body, "checkout-key-9999"),
        await cancelOrderAction("00000000-0000-4000-8000-000000000000", ""),
      ]) {
        expect(res).toMatchObject({ ok: false, code });
      }
    }
    expect([await count("cart_items"), await count("orders")]).toEqual(before);
  });
});
