import { Conflict, PaymentDeclined } from "@/lib/errors";
import type { DeclineReason } from "./provider";

/** The provider said no, or the payment could not be taken: 402 `payment.declined`, `meta.reason` says why. */
export function paymentDeclined(reason: DeclineReason, message = "The payment was declined.") {
  return new PaymentDeclined("payment.declined", message, { reason });
}

/**
 * The provider has not answered a charge: it may yet be taken. The worker's sweep settles it (paid, or
 * released) within a minute or two; until then another attempt to pay the same thing is refused with this.
 */
export class PaymentPending extends Conflict {
  constructor() {
    super(
      "payment.pending",
      "The payment provider has not answered yet; the payment will be completed or released shortly.",
    );
  }
}
