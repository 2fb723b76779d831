import { FakePaymentProvider } from "./fake";
import type { PaymentProvider } from "./provider";

export type { PaymentProvider } from "./provider";

// One provider per process. Only the fake exists today; a real adapter would be chosen here by
// configuration (PAYMENT_PROVIDER), and nothing else in the shop would change.
const g = globalThis as unknown as { __hubPayments?: PaymentProvider };

export function paymentProvider(): PaymentProvider {
  g.__hubPayments ??= new FakePaymentProvider();
  return g.__hubPayments;
}
