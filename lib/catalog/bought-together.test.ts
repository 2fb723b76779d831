import { addMinutes } from "date-fns";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { FakePaymentProvider } from "@/lib/payments/fake";
import { placeOrder } from "@/lib/orders/place-order";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { address, demoIds, setStock } from "@/test/orders-fixtures";
import { boughtTogether, boughtTogetherIds } from "./bought-together";

const t = setupTestDb();
const fake = new FakePaymentProvider();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor;

const SKU = {
  s25: "SM-S931N-1-1",
  s25navy: "SM-S931N-2-1",
  charger: "DP-T4510-1",
  buds: "DP-R630N-1",
  powerBank: "EB-U2510-1",
  homecam: "SH-CAM360-1",
  router: "DP-AX6E-1",
  mesh: "SH-MESH6-1",
  settop: "SH-STB4K-1",
} as const;
const productOf = async (sku: string) =>
  (await t.db.select({ id: variants.productId }).from(variants).where(eq(variants.sku, sku)))[0]!.id;
const nameOf = async (sku: string) =>
  (await t.db.select({ en: products.nameEn }).from(products).where(eq(products.id, await productOf(sku))))[0]!.en;

const start = new Date("2026-03-02T01:00:00Z");
let minute = 0;
async function order(...skus: string[]) {
  const { order } = await placeOrder(
    t.db,
    customer,
    { items: skus.map((s) => ({ variantId: ids.variant(s), quantity: 1 })), sourceLocationId: ids.loc("HUB-BUNDANG"), shippingAddress: address() },
    { payments: fake, now: addMinutes(start, minute++) },
  );
  return order;
}

beforeAll(async () => {
  await seedDemo(t.db);
  ids = await demoIds(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
  for (const sku of [SKU.s25, SKU.s25navy, SKU.powerBank]) await setStock(t.db, ids.loc("HUB-BUNDANG"), ids.variant(sku), 100);
  for (const sku of [SKU.charger, SKU.buds, SKU.router]) await setStock(t.db, ids.loc("WH-DIGITALPLAZA"), ids.variant(sku), 100);
  for (const sku of [SKU.homecam, SKU.mesh, SKU.settop]) await setStock(t.db, ids.loc("WH-SMARTHOME"), ids.variant(sku), 100);

  // The fixture, oldest first. With the Galaxy S25: settop 1, charger 2, buds 2 (the later), router 1,
  // mesh 1 (later than router), the power bank 1 (then paused), the home cam 1 (that order cancelled).
  await order(SKU.s25, SKU.settop);
  await order(SKU.s25, SKU.charger);
  await order(SKU.s25navy, SKU.charger, SKU.buds);
  await order(SKU.s25, SKU.buds);
  await order(SKU.s25, SKU.powerBank);
  const cancelled = await order(SKU.s25, SKU.homecam);
  await order(SKU.s25, SKU.router);
  await order(SKU.s25, SKU.mesh);
  await order(SKU.charger, SKU.buds); // without the S25: counts for neither
  await order(SKU.s25, SKU.s25navy); // two variants of one product: never the product itself
  await cancelOrder(t.db, customer, cancelled.id, {}, { payments: fake });
  await t.db.update(products).set({ status: "paused" }).where(eq(products.id, await productOf(SKU.powerBank)));
});

describe("often bought together", () => {
  it("ranks the products in the same orders by how many, then by the latest, top 4, on sale only", async () => {
    const s25 = await productOf(SKU.s25);
    const rows = await boughtTogetherIds(t.db, s25);
    const names = await Promise.all(rows.map(async (r) => [(await t.db.select({ en: products.nameEn }).from(products).where(eq(products.id, r.productId)))[0]!.en, r.orders]));
    expect(names).toEqual([
      [await nameOf(SKU.buds), 2],
      [await nameOf(SKU.charger), 2],
      [await nameOf(SKU.mesh), 1],
      [await nameOf(SKU.router), 1],
    ]);
    // Left out: itself, the paused power bank, the cancelled order's home cam, and the settop (fifth).
    const left = rows.map((r) => r.productId);
    for (const sku of [SKU.s25, SKU.powerBank, SKU.homecam, SKU.settop]) expect(left).not.toContain(await productOf(sku));
  });

  it("gives the cards' data in that order", async () => {
    const cards = await boughtTogether(t.db, await productOf(SKU.s25));
    expect(cards.map((c) => c.nameEn)).toEqual([await nameOf(SKU.buds), await nameOf(SKU.charger), await nameOf(SKU.mesh), await nameOf(SKU.router)]);
    expect(cards[0]).toMatchObject({ status: "on_sale", priceFrom: expect.any(Number), variants: expect.any(Array) });
  });

  it("counts from the other side too, and the settop shows once there is room", async () => {
    expect((await boughtTogetherIds(t.db, await productOf(SKU.settop))).map((r) => r.productId)).toEqual([await productOf(SKU.s25)]);
    const eight = await boughtTogetherIds(t.db, await productOf(SKU.s25), 8);
    expect(eight.map((r) => r.productId)).toContain(await productOf(SKU.settop));
  });

  it("is empty for a product nobody ordered, and for an id that is not one", async () => {
    expect(await boughtTogether(t.db, await productOf("SM-S938N-1-1"))).toEqual([]);
    expect(await boughtTogether(t.db, "not-an-id")).toEqual([]);
  });
});
