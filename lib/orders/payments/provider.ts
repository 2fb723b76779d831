/**
 * The payment provider interface. Orders (and reservations) pay through it; the default is the local
 * fake in ./fake.ts. Flow for an order: authorize before the transaction (no lock held while a provider
 * answers), capture after commit, void when the order is refused (short stock, idempotent replay).
 */
export type AuthorizeResult =
  { approved: true; authorizationId: string } | { approved: false; reason: DeclineReason };

export type DeclineReason = "card_declined" | "insufficient_funds" | "capture_failed";

export interface PaymentProvider {
  readonly name: string;
  authorize(req: { amount: number; cardNumber: string; reference: string }): Promise<AuthorizeResult>;
  /** Takes the authorized money; throws when the provider refuses. */
  capture(authorizationId: string): Promise<void>;
  /** Releases an authorization that will not be captured. Safe to call twice. */
  void(authorizationId: string): Promise<void>;
  /** Gives back part or all of a captured amount. */
  refund(authorizationId: string, amount: number): Promise<{ refundId: string }>;
}

/** The card the shop uses when the body has no `payment` (the fake approves it). */
export const DEFAULT_TEST_CARD = "4242424242424242";
