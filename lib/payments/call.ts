import { insideTransaction } from "@/db/client";
import { ProviderRefusal } from "./provider";

/**
 * THE rule of payments, written once: the provider is never called while a row lock is held. A provider
 * answers in milliseconds or in tens of seconds, and a lock held that long stalls every request queued
 * behind it; worse, a transaction that rolls back after the call leaves money moved with nothing recorded.
 * So every call is made here, outside any transaction, and the shop's pattern around it is: record the
 * intent (a payment or refund row with its own idempotency key) in a short transaction, call, record the
 * outcome in another (docs/decisions/0007-payments-outside-locks.md).
 *
 * A call inside a transaction of this process throws at once (a bug, never a payment outcome). A call that
 * does not answer within PAYMENT_TIMEOUT_MS, or fails other than by a refusal, throws `ProviderUnanswered`:
 * its outcome is unknown, the intent stays open, and the worker's sweep asks the provider by key.
 */
export async function callProvider<T>(what: string, fn: () => Promise<T>): Promise<T> {
  if (insideTransaction())
    throw new Error(`payments: ${what} was called inside a transaction; call the provider after COMMIT`);
  let timer: NodeJS.Timeout | undefined;
  const ms = paymentTimeoutMs();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderUnanswered(what, `no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } catch (e) {
    if (e instanceof ProviderRefusal || e instanceof ProviderUnanswered) throw e;
    throw new ProviderUnanswered(what, e instanceof Error ? e.message : String(e), { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

/** The provider did not say yes or no: it may or may not have done it. */
export class ProviderUnanswered extends Error {
  constructor(what: string, why: string, opts?: { cause?: unknown }) {
    super(`payments: ${what} unanswered (${why})`, opts);
    this.name = "ProviderUnanswered";
  }
}

/** How long the shop waits for the provider. The sweep (PAYMENT_SETTLE_AFTER_MS) must wait longer. */
export function paymentTimeoutMs(): number {
  return Number(process.env.PAYMENT_TIMEOUT_MS ?? 10_000);
}
