import { callProvider } from "./call";
import { paymentDeclined, PaymentPending } from "./errors";
import { ProviderRefusal, type PaymentProvider } from "./provider";

/**
 * Takes authorized money, outside any transaction. Records nothing: the caller records the capture in the
 * same short transaction as what it pays for (a captured payment with nothing to show for it would be
 * found by no one). Refused: 402 `payment.declined` (`capture_failed`). No answer: 409 `payment.pending`.
 */
export async function capture(provider: PaymentProvider, authorizationId: string): Promise<void> {
  try {
    await callProvider("capture", () => provider.capture(authorizationId));
  } catch (e) {
    if (e instanceof ProviderRefusal) throw paymentDeclined("capture_failed");
    throw new PaymentPending();
  }
}
