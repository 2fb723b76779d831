import type { Db } from "@/db/client";
import { PaymentDeclined } from "@/lib/errors";
import { authorize } from "./authorize";
import { capture } from "./capture";
import type { PaymentProvider } from "./provider";
import { settlePayment, type PaymentRow } from "./records";
import { voidPayment } from "./void";

/**
 * Takes a recorded intent's money at once (authorize, then capture), outside any transaction. Returns the
 * authorization id; the caller records the payment `captured` together with what it pays for. Throws as
 * authorize and capture do; a refused capture is voided and recorded `declined` (`capture_failed`).
 */
export async function charge(
  db: Db,
  provider: PaymentProvider,
  intent: PaymentRow,
  cardNumber: string,
  opts: { declined?: string } = {},
): Promise<string> {
  const authorizationId = await authorize(db, provider, intent, cardNumber, opts);
  try {
    await capture(provider, authorizationId);
  } catch (e) {
    if (e instanceof PaymentDeclined) {
      await settlePayment(db, intent.id, {
        status: "declined",
        providerRef: authorizationId,
        failureReason: "capture_failed",
      });
      await voidPayment(db, provider, { id: intent.id, authorizationId }, "capture_failed");
    }
    throw e;
  }
  return authorizationId;
}
