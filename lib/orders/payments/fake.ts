import { randomUUID } from "node:crypto";
import type { AuthorizeResult, PaymentProvider } from "./provider";

/** Test cards the fake declines, as the big providers' test modes do. Every other valid number is approved. */
export const TEST_CARDS = {
  approve: "4242424242424242",
  decline: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** Authorizes, then refuses the capture: the order is placed and must be undone. */
  captureFails: "4000000000000341",
} as const;

type Authorization = {
  amount: number;
  card: string;
  state: "authorized" | "captured" | "voided";
  refunded: number;
};

/**
 * A local payment provider with real state (in memory), so failure paths are real: it declines the test
 * cards above, refuses to capture twice or refund more than was captured, and lets tests look inside.
 */
export class FakePaymentProvider implements PaymentProvider {
  readonly name = "fake";
  private readonly auths = new Map<string, Authorization>();
  /**
   * The most authorizations it remembers: a long-running shop would otherwise grow this map forever.
   * The oldest go first; a refund of one it forgot is accepted as for one it never saw (see refund).
   */
  static readonly REMEMBERED = 100_000;

  async authorize({
    amount,
    cardNumber,
  }: {
    amount: number;
    cardNumber: string;
    reference: string;
  }): Promise<AuthorizeResult> {
    if (cardNumber === TEST_CARDS.decline) return { approved: false, reason: "card_declined" };
    if (cardNumber === TEST_CARDS.insufficientFunds) return { approved: false, reason: "insufficient_funds" };
    const id = `fake_auth_${randomUUID()}`;
    if (this.auths.size >= FakePaymentProvider.REMEMBERED) this.auths.delete(this.auths.keys().next().value!);
    this.auths.set(id, { amount, card: cardNumber, state: "authorized", refunded: 0 });
    return { approved: true, authorizationId: id };
  }

  async capture(authorizationId: string): Promise<void> {
    const a = this.get(authorizationId);
    if (a.state !== "authorized") throw new Error(`fake payments: cannot capture a ${a.state} authorization`);
    if (a.card === TEST_CARDS.captureFails)
      throw new Error("fake payments: capture refused for this test card");
    a.state = "captured";
  }

  async void(authorizationId: string): Promise<void> {
    const a = this.get(authorizationId);
    if (a.state === "captured") throw new Error("fake payments: cannot void a captured payment; refund it");
    a.state = "voided";
  }

  async refund(authorizationId: string, amount: number): Promise<{ refundId: string }> {
    // The fake keeps its state in memory: after a restart, or on another app instance, it knows nothing
    // of an earlier payment. The shop's payments row (refunded_amount <= amount, a CHECK) is what stops
    // an over-refund, so a refund of a payment this process never saw is accepted.
    if (!this.auths.has(authorizationId) && authorizationId.startsWith("fake_auth_")) {
      if (amount <= 0) throw new Error("fake payments: a refund must be positive");
      return { refundId: `fake_refund_${randomUUID()}` };
    }
    const a = this.get(authorizationId);
    if (a.state !== "captured") throw new Error(`fake payments: cannot refund a ${a.state} authorization`);
    if (amount <= 0 || a.refunded + amount > a.amount)
      throw new Error("fake payments: refund exceeds the captured amount");
    a.refunded += amount;
    return { refundId: `fake_refund_${randomUUID()}` };
  }

  /** For tests: what the provider knows about an authorization. */
  inspect(authorizationId: string): Readonly<Authorization> | undefined {
    return this.auths.get(authorizationId);
  }

  /** For tests: every authorization, in the order they were made. */
  all(): ReadonlyArray<Readonly<Authorization> & { id: string }> {
    return [...this.auths].map(([id, a]) => ({ id, ...a }));
  }

  private get(id: string): Authorization {
    const a = this.auths.get(id);
    if (!a) throw new Error(`fake payments: unknown authorization ${id}`);
    return a;
  }
}
