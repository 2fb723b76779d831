import type { Db } from "@/db/client";
import { callProvider } from "./call";
import { paymentDeclined, PaymentPending } from "./errors";
import { ProviderRefusal, type AuthorizeResult, type PaymentProvider } from "./provider";
import { settlePayment, type PaymentRow } from "./records";

/**
 * Holds the money of a recorded intent (`pending`), outside any transaction, with the intent's key.
 * Approved: returns the authorization id, the row still `pending` (the caller records what it holds it for,
 * e.g. the order's transaction marks it `authorized`). Declined: recorded, then 402 `payment.declined`.
 * No answer: 409 `payment.pending`, the row left open for the sweep.
 */
export async function authorize(
  db: Db,
  provider: PaymentProvider,
  intent: PaymentRow,
  cardNumber: string,
  opts: { declined?: string } = {},
): Promise<string> {
  let answer: AuthorizeResult;
  try {
    answer = await callProvider("authorize", () =>
      provider.authorize({
        key: intent.idempotencyKey,
        amount: intent.amount,
        cardNumber,
        reference: intent.refId,
      }),
    );
  } catch (e) {
    if (!(e instanceof ProviderRefusal)) {
      console.warn(`[payments] ${intent.id}: authorization left to the sweep:`, String(e));
      throw new PaymentPending();
    }
    answer = { approved: false, reason: "card_declined" };
  }
  if (!answer.approved) {
    await settlePayment(db, intent.id, { status: "declined", failureReason: answer.reason });
    throw paymentDeclined(answer.reason, opts.declined);
  }
  return answer.authorizationId;
}
