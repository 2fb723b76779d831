import { randomUUID } from "node:crypto";
import { ProviderRefusal, type AuthorizeResult, type KeyLookup, type PaymentProvider } from "./provider";

/** Test cards the fake declines, as the big providers' test modes do. Every other valid number is approved. */
export const TEST_CARDS = {
  approve: "4242424242424242",
  decline: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** Authorizes, then refuses the capture: the order is placed and must be undone. */
  captureFails: "4000000000000341",
} as const;

type Authorization = {
  key: string;
  amount: number;
  card: string;
  state: "authorized" | "captured" | "voided";
  refunded: number;
};
type Refund = { refundId: string; authorizationId: string; amount: number };

/**
 * A local payment provider with real state (in memory), so failure paths are real: it declines the test
 * cards above, refuses to capture a voided authorization or refund more than was captured, honours
 * idempotency keys as a real provider does (the same key never authorizes or refunds twice), and lets
 * tests look inside.
 *
 * Its memory is this process's: after a restart, or in another process (the worker's sweep), it knows
 * nothing of earlier payments, and it then accepts a capture, void or refund of an authorization id of its
 * own making as a real provider would. The shop's payments and refunds rows bound what is taken and given back.
 */
export class FakePaymentProvider implements PaymentProvider {
  readonly name = "fake";
  private readonly auths = new Map<string, Authorization>();
  private readonly byKey = new Map<string, AuthorizeResult>();
  private readonly refundsByKey = new Map<string, Refund>();
  private readonly made: Refund[] = [];
  /**
   * The most authorizations (and refunds, and keys) it remembers: a long-running shop would otherwise grow
   * these maps forever. The oldest go first; one it forgot is treated as one it never saw.
   */
  static readonly REMEMBERED = 100_000;

  async authorize({
    key,
    amount,
    cardNumber,
  }: {
    key: string;
    amount: number;
    cardNumber: string;
    reference: string;
  }): Promise<AuthorizeResult> {
    const seen = this.byKey.get(key);
    if (seen) return seen;
    let result: AuthorizeResult;
    if (cardNumber === TEST_CARDS.decline) result = { approved: false, reason: "card_declined" };
    else if (cardNumber === TEST_CARDS.insufficientFunds)
      result = { approved: false, reason: "insufficient_funds" };
    else {
      const id = `fake_auth_${randomUUID()}`;
      remember(this.auths, id, { key, amount, card: cardNumber, state: "authorized", refunded: 0 });
      result = { approved: true, authorizationId: id };
    }
    remember(this.byKey, key, result);
    return result;
  }

  async capture(authorizationId: string): Promise<void> {
    const a = this.known(authorizationId);
    if (!a || a.state === "captured") return;
    if (a.state === "voided")
      throw new ProviderRefusal("fake payments: cannot capture a voided authorization");
    if (a.card === TEST_CARDS.captureFails)
      throw new ProviderRefusal("fake payments: capture refused for this test card");
    a.state = "captured";
  }

  async void(authorizationId: string): Promise<void> {
    const a = this.known(authorizationId);
    if (!a || a.state === "voided") return;
    if (a.state === "captured")
      throw new ProviderRefusal("fake payments: cannot void a captured payment; refund it");
    a.state = "voided";
  }

  async refund({
    key,
    authorizationId,
    amount,
  }: {
    key: string;
    authorizationId: string;
    amount: number;
  }): Promise<{ refundId: string }> {
    const seen = this.refundsByKey.get(key);
    if (seen) return { refundId: seen.refundId };
    if (amount <= 0) throw new ProviderRefusal("fake payments: a refund must be positive");
    const a = this.known(authorizationId);
    if (a) {
      if (a.state !== "captured")
        throw new ProviderRefusal(`fake payments: cannot refund a ${a.state} authorization`);
      if (a.refunded + amount > a.amount)
        throw new ProviderRefusal("fake payments: refund exceeds the captured amount");
      a.refunded += amount;
    }
    const refund = { refundId: `fake_refund_${randomUUID()}`, authorizationId, amount };
    remember(this.refundsByKey, key, refund);
    this.made.push(refund);
    if (this.made.length > FakePaymentProvider.REMEMBERED) this.made.shift();
    return { refundId: refund.refundId };
  }

  async lookup(key: string): Promise<KeyLookup> {
    const r = this.byKey.get(key);
    if (!r) return null;
    if (!r.approved) return { state: "declined", reason: r.reason };
    const a = this.auths.get(r.authorizationId);
    return a ? { state: a.state, authorizationId: r.authorizationId } : null;
  }

  /** For tests: what the provider knows about an authorization. */
  inspect(authorizationId: string): Readonly<Authorization> | undefined {
    return this.auths.get(authorizationId);
  }

  /** For tests: every authorization, in the order they were made. */
  all(): ReadonlyArray<Readonly<Authorization> & { id: string }> {
    return [...this.auths].map(([id, a]) => ({ id, ...a }));
  }

  /** For tests: every refund actually made (a repeated key is not a new one), oldest first. */
  refunds(authorizationId?: string): ReadonlyArray<Readonly<Refund>> {
    return authorizationId ? this.made.filter((r) => r.authorizationId === authorizationId) : [...this.made];
  }

  /**
   * An authorization of this process, undefined for an id of the fake's making that it does not remember
   * (made before a restart or by another process); any other id is refused.
   */
  private known(id: string): Authorization | undefined {
    const a = this.auths.get(id);
    if (!a && !id.startsWith("fake_auth_"))
      throw new ProviderRefusal(`fake payments: unknown authorization ${id}`);
    return a;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V) {
  if (map.size >= FakePaymentProvider.REMEMBERED) map.delete(map.keys().next().value!);
  map.set(key, value);
}
