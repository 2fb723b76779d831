import { answerLost, type Db } from "@/db/client";
import { pipelinedTransaction } from "@/db/raw";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { claimKey, findKey, idempotentRequest } from "@/lib/idempotency";
import {
  insufficientStockOf,
  InsufficientStock,
  reserveMove,
  stockMovesStatement,
} from "@/lib/inventory/stock";
import { admitStockKeys } from "@/lib/inventory/stock-gate";
import { paymentProvider } from "@/lib/payments";
import { authorize } from "@/lib/payments/authorize";
import { paymentDeclined, PaymentPending } from "@/lib/payments/errors";
import { DEFAULT_TEST_CARD, type PaymentProvider } from "@/lib/payments/provider";
import { recordPaymentIntent } from "@/lib/payments/records";
import { voidPayment } from "@/lib/payments/void";
import { uuidv7 } from "@/lib/ids";
import { captureOrderPayment } from "./order-payment";
import { loadOrderView } from "./order-queries";
import { onSaleCheckStatement, productUnavailableOf } from "./on-sale-check";
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
 * provider is called around the transaction, never inside it (docs/decisions/0005-order-placement-hot-path.md,
 * 0007-payments-outside-locks.md):
 *
 *   1. authorize the actor, parse, and (with a key) return the first order if the key is known;
 *   2. plan without locks: price the lines, split per seller, refuse what committed stock can't cover;
 *   3. record the payment intent (`pending`), then authorize it (a decline is recorded and reserves
 *      nothing: 402; no answer is 402 too, and the sweep releases whatever the provider may hold);
 *   4. one transaction: claim the key, write the order graph and mark the payment `authorized` (one
 *      statement), and LAST lock and reserve the stock (one statement) right before COMMIT, so a hot row
 *      stays locked only that long;
 *   5. capture after commit and record it; on a refusal (short stock, replay) void the authorization instead.
 */
export async function placeOrder(
  db: Db,
  actor: Actor | null,
  raw: unknown,
  opts: PlaceOrderOptions = {},
): Promise<PlaceOrderResult> {
  const customer = requireUser(actor, "order:place");
  const input = PlaceOrderInput.parse(raw);
  const idem = idempotentRequest({ userId: customer.id, scope: "orders", key: opts.idempotencyKey }, input);
  if (idem) {
    const prior = await findKey(db, idem);
    if (prior) return replay(db, prior);
  }

  const plan = await planOrder(db, input);
  const provider = opts.payments ?? paymentProvider();
  const orderId = uuidv7();
  const now = opts.now ?? new Date();
  // The intent's ref_id is the order id it will have; if no order comes of it, the row stays as the record.
  const intent = await recordPaymentIntent(db, {
    id: uuidv7(),
    customerId: customer.id,
    purpose: "order",
    refId: orderId,
    provider: provider.name,
    amount: plan.total,
  });
  let authorizationId: string;
  try {
    authorizationId = await authorize(db, provider, intent, input.payment?.cardNumber ?? DEFAULT_TEST_CARD, {
      declined: NOTHING_ORDERED,
    });
  } catch (e) {
    // No answer: the order is not placed (its stock cannot wait); the sweep voids any hold that was made.
    if (e instanceof PaymentPending) throw paymentDeclined("provider_unavailable", NOTHING_ORDERED);
    throw e;
  }

  const order: NewOrder = {
    id: orderId,
    customerId: customer.id,
    plan,
    shippingAddress: { ...input.shippingAddress, line2: input.shippingAddress.line2 ?? null },
    createdAt: now,
    payment: { id: intent.id, providerRef: authorizationId },
  };
  const held = { id: intent.id, authorizationId };
  let priorOrderId: string | null;
  try {
    const moves = reserveMovesOf(plan);
    priorOrderId = await pipelinedTransaction(
      db,
      async (conn) => {
        if (idem) {
          const prior = await claimKey(conn, idem, orderId);
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
    // No answer to the COMMIT (the connection lost under it, a restart): the order may have committed.
    // Its payment row says which (`authorized` is written in the order's own transaction), and the
    // worker's sweep settles it: captured for an order that exists, voided for one that does not.
    // Voiding here could release the hold of an order that exists.
    if (answerLost(e)) throw e;
    await voidPayment(db, provider, held, "order refused");
    const short = insufficientStockOf(e);
    if (short) throw shortAtSource(short, plan);
    throw productUnavailableOf(e, plan) ?? e;
  }
  if (priorOrderId) {
    await voidPayment(db, provider, held, "idempotent replay");
    return replay(db, priorOrderId);
  }

  try {
    await captureOrderPayment(db, provider, { paymentId: intent.id, orderId, authorizationId });
  } catch (e) {
    // Unanswered: the order is placed and stays so; the sweep captures it (or undoes it if refused).
    if (!(e instanceof PaymentPending)) throw e;
  }
  return { order: viewOfNewOrder(order), replayed: false };
}

const NOTHING_ORDERED = "The payment was declined; nothing was ordered.";

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
