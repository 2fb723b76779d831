import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { auditProbe } from "@/test/audit";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { address, demoIds, demoWorld, setStock } from "@/test/orders-fixtures";
import {
  acceptSellerOrder,
  deliverSellerOrder,
  packSellerOrder,
  shipSellerOrder,
} from "./advance-seller-order";
import { cancelOrder } from "./cancel-order";
import { cancelSellerOrder } from "./cancel-seller-order";
import { FakePaymentProvider } from "@/lib/payments/fake";
import { placeOrder } from "./place-order";

/** Every staff verb of fulfilment writes one audit row in its own transaction (lib/audit.ts); customers' do not. */
const t = setupTestDb();
const { rowsWritten, expectOneRow, summary } = auditProbe(() => t.db);
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
const fake = new FakePaymentProvider();
let ids: Awaited<ReturnType<typeof demoIds>>;
let customer: UserActor, dealer: UserActor, seller: UserActor;

beforeAll(async () => {
  await seedDemo(t.db);
  ({ ids, customer, dealer, seller } = await demoWorld(t.db));
});

describe("seller orders", () => {
  /** A two-seller order: a phone from the Bundang HUB (dealer), a router from Digital Plaza (seller). */
  async function twoSellerOrder(sku: string) {
    await setStock(t.db, ids.loc("HUB-BUNDANG"), ids.variant(sku), 10);
    const { order } = await placeOrder(
      t.db,
      customer,
      {
        items: [
          { variantId: ids.variant(sku), quantity: 2 },
          { variantId: ids.variant("DP-AX6E-2"), quantity: 1 },
        ],
        sourceLocationId: ids.loc("HUB-BUNDANG"),
        shippingAddress: address(),
      },
      { payments: fake },
    );
    const hubPart = order.sellerOrders.find((s) => s.sourceLocation.code === "HUB-BUNDANG")!;
    const whPart = order.sellerOrders.find((s) => s.sourceLocation.code === "WH-DIGITALPLAZA")!;
    return { order, hubPart, whPart };
  }

  it("accept, pack, ship and deliver each write one row on the seller order", async () => {
    const { order, hubPart } = await twoSellerOrder("SM-S938N-1-1");
    const part = { type: "seller_order", id: () => hubPart.id };
    const steps = [
      ["accept", acceptSellerOrder, "confirmed", "accepted"],
      ["pack", packSellerOrder, "accepted", "packed"],
      ["ship", shipSellerOrder, "packed", "shipped"],
      ["deliver", deliverSellerOrder, "shipped", "delivered"],
    ] as const;
    for (const [step, verb, from, to] of steps) {
      const row = await expectOneRow(
        () => run((tx) => verb(tx, dealer, hubPart.id, {})),
        dealer,
        `seller_order.${step}`,
        part,
      );
      expect(row.detail).toEqual({ orderId: order.id, from, to });
    }
    expect(await rowsWritten(() => run((tx) => deliverSellerOrder(tx, dealer, hubPart.id, {})))).toEqual([]);
  });

  it("a staff cancel writes the cancel and the refund it made, with the amount", async () => {
    const { order, whPart } = await twoSellerOrder("SM-S938N-1-2");
    const rows = await rowsWritten(() =>
      cancelSellerOrder(t.db, seller, whPart.id, { reason: "out of stock" }, { payments: fake }),
    );
    expect(summary(rows)).toEqual([
      [
        seller.id,
        "seller_order.cancel",
        "seller_order",
        whPart.id,
        { orderId: order.id, from: "confirmed", to: "cancelled", reason: "out of stock" },
      ],
      [seller.id, "refund", "seller_order", whPart.id, { orderId: order.id, amount: whPart.subtotal }],
    ]);
    expect(whPart.subtotal).toBeGreaterThan(0);
  });

  it("customers' own actions are not staff actions: placing and cancelling an order write nothing", async () => {
    let orderId = "";
    expect(
      await rowsWritten(async () => (orderId = (await twoSellerOrder("SM-S938N-2-1")).order.id)),
    ).toEqual([]);
    expect(await rowsWritten(() => cancelOrder(t.db, customer, orderId, {}, { payments: fake }))).toEqual([]);
  });
});
