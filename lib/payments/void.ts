import type { Db } from "@/db/client";
import { callProvider } from "./call";
import { ProviderRefusal, type PaymentProvider } from "./provider";
import { settlePayment } from "./records";

/**
 * Releases an authorization that will not be captured, outside any transaction, and records the payment
 * `voided` (a payment already recorded otherwise, e.g. `declined`, keeps that). Never throws for the
 * provider: unanswered, the payment stays open for the sweep; refused (it was captured after all), the
 * caller decides: the answer says which.
 */
export async function voidPayment(
  db: Db,
  provider: PaymentProvider,
  payment: { id: string; authorizationId: string },
  reason: string,
): Promise<"voided" | "refused" | "unanswered"> {
  try {
    await callProvider("void", () => provider.void(payment.authorizationId));
  } catch (e) {
    console.warn(`[payments] ${payment.id}: void not made:`, String(e));
    return e instanceof ProviderRefusal ? "refused" : "unanswered";
  }
  await settlePayment(db, payment.id, {
    status: "voided",
    providerRef: payment.authorizationId,
    failureReason: reason,
  });
  return "voided";
}
