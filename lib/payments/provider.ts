/**
 * The payment provider interface: what the shop needs of a card processor. The default is the local
 * fake in ./fake.ts; a real adapter would implement this and nothing else would change. The shop calls
 * it only through ./call.ts (never while a row lock is held), always with an idempotency key, so a
 * retry after a timeout or a crash asks for the same thing again instead of something new.
 */
export type DeclineReason =
  "card_declined" | "insufficient_funds" | "capture_failed" | "provider_unavailable";

export type AuthorizeResult =
  { approved: true; authorizationId: string } | { approved: false; reason: DeclineReason };

/** What became of the authorization asked for with a key; null when the provider never saw the key. */
export type KeyLookup =
  | { state: "authorized" | "captured" | "voided"; authorizationId: string }
  | { state: "declined"; reason: DeclineReason }
  | null;

export interface PaymentProvider {
  readonly name: string;
  /** Holds `amount` on the card. The same key answers the same again and never holds twice. */
  authorize(req: {
    key: string;
    amount: number;
    cardNumber: string;
    reference: string;
  }): Promise<AuthorizeResult>;
  /** Takes the held money; capturing a captured authorization again is a no-op. */
  capture(authorizationId: string): Promise<void>;
  /** Releases an authorization that will not be captured. Safe to call twice. */
  void(authorizationId: string): Promise<void>;
  /** Gives back part or all of a captured amount. The same key never refunds twice: it answers the first refund. */
  refund(req: { key: string; authorizationId: string; amount: number }): Promise<{ refundId: string }>;
  /** For the sweep: what an authorize with this key came to. */
  lookup(key: string): Promise<KeyLookup>;
}

/**
 * Thrown by a provider that answered and said no (a capture or refund it will not make): final, not to be
 * retried. Anything else thrown, and a call that does not answer in time, leaves the outcome unknown.
 */
export class ProviderRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderRefusal";
  }
}

/** The card the shop uses when the body has no `payment` (the fake approves it). */
export const DEFAULT_TEST_CARD = "4242424242424242";
