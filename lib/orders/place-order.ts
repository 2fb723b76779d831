import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pipelinedTransaction } from "@/db/raw";
import { payments as paymentsTable } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { PaymentDeclined } from "@/lib/errors";
import {
  insufficientStockOf,
  InsufficientStock,
  reserveMove,
  stockMovesStatement,
} from "@/lib/inventory/stock";
import { admitStockKeys } from "@/lib/inventory/stock-gate";
import { cancelParts, lockOrderAndParts } from "./cancel-parts";
import { claimKey, findKey, requestHash, type KeyRef } from "./idempotency";
import { uuidv7 } from "./ids";
import { loadOrderView } from "./order-queries";
import { onSaleCheckStatement, productUnavailableOf } from "./on-sale-check";
import { paymentProvider } from "./payments";
import { DEFAULT_TEST_CARD, type DeclineReason, type PaymentProvider } from "./payments/provider";
import { InsufficientStockAtSource, planOrder, type OrderPlan } from "./plan-order";
import { PlaceOrderInput } from "./schemas";
import type { OrderView } from "./view";
import { viewOfNewOrder, WRITE_ORDER_SQL, writeOrderParams, type NewOrder } from "./write-order";

const CLEAR_CART_SQL = `delete from cart_items where user_id = $1::uuid and variant_id = any($2::uuid[])`;

export type PlaceOrderOptions = {
  /** The `Idempotency-Key`: the same key from the same user returns the first order, reserving nothing more. */
  idempotencyKey?: string;
  /** From the checkout page: remove the ordered lines from the customer's cart in the same transaction. */
  clearCart?: boolean;
  payments?: PaymentProvider;
  now?: Date;
};
export type PlaceOrderResult = { order: OrderView; replayed: boolean };

/**
 * Places an order. Unlike most verbs it is handed the database, not a transaction, because the payment
 * provider is called around the transaction, never inside it (see docs/decisions/0001-order-placement.md):
 *
 *   1. authorize the actor, parse, and (with a key) return the first order if the key is known;
 *   2. plan without locks: price the lines, split per seller, refuse what committed stock can't cover;
 *   3. authorize the payment (a decline writes a declined payment row and reserves nothing: 402);
 *   4. one transaction: claim the key, write the order graph (one statement), and LAST lock and reserve
 *      the stock (one statement) right before COMMIT, so a hot row stays locked only that long;
 *   5. capture after commit; on a refusal (short stock, replay) void the authorization instead.
 */
export async function placeOrder(
  db: Db,
  actor: Actor | null,
  raw: unknown,
  opts: PlaceOrderOptions = {},
): Promise<PlaceOrderResult> {
  const customer = requireUser(actor, "order:place");
  const input = PlaceOrderInput.parse(raw);
  const hash = requestHash(input);
  const keyRef: KeyRef | null = opts.idempotencyKey
    ? { userId: customer.id, scope: "orders", key: opts.idempotencyKey }
    : null;
  if (keyRef) {
    const prior = await findKey(db, keyRef, hash);
    if (prior) return replay(db, prior);
  }

  const plan = await planOrder(db, input);
  const provider = opts.payments ?? paymentProvider();
  const orderId = uuidv7();
  const now = opts.now ?? new Date();
  const auth = await provider.authorize({
    amount: plan.total,
    cardNumber: input.payment?.cardNumber ?? DEFAULT_TEST_CARD,
    reference: orderId,
  });
  if (!auth.approved) {
    // The attempt is kept for the record (ref_id is the order id it would have had); no order exists.
    await db.insert(paymentsTable).values({
      customerId: customer.id,
      purpose: "order",
      refId: orderId,
      provider: provider.name,
      amount: plan.total,
      status: "declined",
      failureReason: auth.reason,
    });
    throw declined(auth.reason);
  }

  const order: NewOrder = {
    id: orderId,
    customerId: customer.id,
    plan,
    shippingAddress: { ...input.shippingAddress, line2: input.shippingAddress.line2 ?? null },
    createdAt: now,
    payment: { provider: provider.name, providerRef: auth.authorizationId },
  };
  let priorOrderId: string | null;
  try {
    const moves = reserveMovesOf(plan);
    priorOrderId = await pipelinedTransaction(
      db,
      async (conn) => {
        if (keyRef) {
          const prior = await claimKey(conn, keyRef, hash, orderId);
          if (prior) return { result: prior };
        }
        return {
          result: null,
          // One round trip: (the cart lines,) the products still on sale, the order graph, then LAST the
          // stock statement, then COMMIT. The stock rows stay locked only while the server runs the stock
          // statement and commits.
          last: [
            ...(opts.clearCart
              ? [{ text: CLEAR_CART_SQL, params: [customer.id, input.items.map((i) => i.variantId)] }]
              : []),
            onSaleCheckStatement(plan),
            { text: WRITE_ORDER_SQL, params: writeOrderParams(order) },
            stockMovesStatement(moves, customer.id),
          ],
        };
      },
      { admit: () => admitStockKeys(moves) },
    );
  } catch (e) {
    await provider.void(auth.authorizationId);
    const short = insufficientStockOf(e);
    if (short) throw shortAtSource(short, plan);
    throw productUnavailableOf(e, plan) ?? e;
  }
  if (priorOrderId) {
    await provider.void(auth.authorizationId);
    return replay(db, priorOrderId);
  }

  try {
    await provider.capture(auth.authorizationId);
  } catch {
    await undoUncapturedOrder(db, orderId, provider, auth.authorizationId);
    throw declined("capture_failed");
  }
  return { order: viewOfNewOrder(order), replayed: false };
}

function reserveMovesOf(plan: OrderPlan) {
  return plan.parts.flatMap((p) =>
    p.lines.map((l) =>
      reserveMove(
        { locationId: p.source.id, variantId: l.variantId },
        l.quantity,
        "order_reserve",
        "seller_order",
        p.id,
      ),
    ),
  );
}

async function replay(db: Db, orderId: string): Promise<PlaceOrderResult> {
  const order = await loadOrderView(db, orderId);
  if (!order) throw new Error(`idempotency: order ${orderId} of a known key is missing`);
  return { order, replayed: true };
}

function declined(reason: DeclineReason) {
  return new PaymentDeclined("payment.declined", "The payment was declined; nothing was ordered.", {
    reason,
  });
}

/** The stock ran short between the lock-free check and the lock: name the item and the source. */
function shortAtSource(e: InsufficientStock, plan: OrderPlan) {
  const lines = plan.parts.flatMap((p) => p.lines.map((l) => ({ ...l, source: p.source })));
  return new InsufficientStockAtSource(
    e.short.map((s) => {
      const line = lines.find((l) => l.variantId === s.variantId && l.source.id === s.locationId)!;
      return { ...s, sku: line.sku, locationCode: line.source.code, locationName: line.source.name };
    }),
  );
}

/** The provider would not capture: undo the order (stock released, nothing refunded: nothing was taken). */
async function undoUncapturedOrder(
  db: Db,
  orderId: string,
  provider: PaymentProvider,
  authorizationId: string,
) {
  await db.transaction(async (tx) => {
    const locked = await lockOrderAndParts(tx, orderId);
    if (!locked) return;
    await tx
      .update(paymentsTable)
      .set({ status: "declined", failureReason: "capture_failed" })
      .where(and(eq(paymentsTable.purpose, "order"), eq(paymentsTable.refId, orderId)));
    await cancelParts(tx, {
      orderId,
      parts: locked.parts,
      actor: SYSTEM,
      reason: "payment capture failed",
      payments: provider,
      now: new Date(),
      refund: false,
    });
  });
  await provider.void(authorizationId);
}
