import { describe, expect, it } from "vitest";
import { FakePaymentProvider, TEST_CARDS } from "./fake";
import { ProviderRefusal } from "./provider";

const auth = (p: FakePaymentProvider, key: string, cardNumber: string = TEST_CARDS.approve, amount = 1000) =>
  p.authorize({ key, amount, cardNumber, reference: "r" });

describe("the fake payment provider", () => {
  it("declines the decline test card and approves others", async () => {
    const p = new FakePaymentProvider();
    expect(await auth(p, "k1", TEST_CARDS.decline)).toEqual({ approved: false, reason: "card_declined" });
    const ok = await auth(p, "k2");
    expect(ok.approved).toBe(true);
  });

  it("refunds a payment made before a restart (another process's memory), but never a non-fake id", async () => {
    const before = new FakePaymentProvider();
    const a = await auth(before, "k", TEST_CARDS.approve, 5000);
    if (!a.approved) throw new Error("expected approval");
    await before.capture(a.authorizationId);
    const afterRestart = new FakePaymentProvider();
    await expect(
      afterRestart.refund({ key: "r1", authorizationId: a.authorizationId, amount: 5000 }),
    ).resolves.toMatchObject({ refundId: expect.any(String) });
    await expect(
      afterRestart.refund({ key: "r2", authorizationId: "someone_else_123", amount: 5000 }),
    ).rejects.toThrow(ProviderRefusal);
    // In the process that saw it, the amount is still enforced.
    await expect(
      before.refund({ key: "r3", authorizationId: a.authorizationId, amount: 6000 }),
    ).rejects.toThrow(ProviderRefusal);
  });

  it("remembers a bounded number of authorizations, forgetting the oldest first", async () => {
    const p = new FakePaymentProvider();
    const first = await auth(p, "k0");
    if (!first.approved) throw new Error("approved expected");
    await p.capture(first.authorizationId);
    for (let i = 0; i < FakePaymentProvider.REMEMBERED; i++) await auth(p, `k${i + 1}`);
    expect(p.all()).toHaveLength(FakePaymentProvider.REMEMBERED);
    expect(p.inspect(first.authorizationId)).toBeUndefined();
    expect(await p.lookup("k0")).toBeNull();
    // Like a payment it never saw (restart, another instance): the shop's payments row bounds refunds.
    await expect(
      p.refund({ key: "r", authorizationId: first.authorizationId, amount: 500 }),
    ).resolves.toMatchObject({ refundId: expect.any(String) });
  });

  it("honours idempotency keys: the same key never authorizes or refunds twice", async () => {
    const p = new FakePaymentProvider();
    const a = await auth(p, "same", TEST_CARDS.approve, 3000);
    const again = await auth(p, "same", TEST_CARDS.approve, 3000);
    expect(again).toEqual(a);
    expect(p.all()).toHaveLength(1);
    if (!a.approved) throw new Error("approved expected");
    expect(await p.lookup("same")).toEqual({ state: "authorized", authorizationId: a.authorizationId });
    await p.capture(a.authorizationId);
    await p.capture(a.authorizationId); // a retried capture is a no-op
    expect(await p.lookup("same")).toMatchObject({ state: "captured" });
    const r1 = await p.refund({ key: "refund-1", authorizationId: a.authorizationId, amount: 3000 });
    const r2 = await p.refund({ key: "refund-1", authorizationId: a.authorizationId, amount: 3000 });
    expect(r2).toEqual(r1);
    expect(p.refunds(a.authorizationId)).toHaveLength(1);
    expect(p.inspect(a.authorizationId)!.refunded).toBe(3000);
    // A declined key stays declined; an unknown key is unknown.
    await auth(p, "no", TEST_CARDS.decline);
    expect(await p.lookup("no")).toEqual({ state: "declined", reason: "card_declined" });
    expect(await p.lookup("never")).toBeNull();
  });

  it("refuses what a provider refuses: capturing a voided authorization, voiding a captured one", async () => {
    const p = new FakePaymentProvider();
    const a = await auth(p, "v");
    const b = await auth(p, "c");
    const c = await auth(p, "x", TEST_CARDS.captureFails);
    if (!a.approved || !b.approved || !c.approved) throw new Error("approved expected");
    await p.void(a.authorizationId);
    await p.void(a.authorizationId);
    await expect(p.capture(a.authorizationId)).rejects.toThrow(ProviderRefusal);
    await p.capture(b.authorizationId);
    await expect(p.void(b.authorizationId)).rejects.toThrow(ProviderRefusal);
    await expect(p.capture(c.authorizationId)).rejects.toThrow(ProviderRefusal);
  });
});
