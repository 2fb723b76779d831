import { describe, expect, it } from "vitest";
import { FakePaymentProvider, TEST_CARDS } from "./fake";

describe("the fake payment provider", () => {
  it("declines the decline test card and approves others", async () => {
    const p = new FakePaymentProvider();
    expect(await p.authorize({ amount: 1000, cardNumber: TEST_CARDS.decline, reference: "r" })).toEqual({
      approved: false,
      reason: "card_declined",
    });
    const ok = await p.authorize({ amount: 1000, cardNumber: TEST_CARDS.approve, reference: "r" });
    expect(ok.approved).toBe(true);
  });

  it("refunds a payment made before a restart (another process's memory), but never a non-fake id", async () => {
    const before = new FakePaymentProvider();
    const auth = await before.authorize({ amount: 5000, cardNumber: TEST_CARDS.approve, reference: "r" });
    if (!auth.approved) throw new Error("expected approval");
    await before.capture(auth.authorizationId);
    const afterRestart = new FakePaymentProvider();
    await expect(afterRestart.refund(auth.authorizationId, 5000)).resolves.toMatchObject({ refundId: expect.any(String) });
    await expect(afterRestart.refund("someone_else_123", 5000)).rejects.toThrow();
    // In the process that saw it, the amount is still enforced.
    await expect(before.refund(auth.authorizationId, 6000)).rejects.toThrow();
  });

  it("remembers a bounded number of authorizations, forgetting the oldest first", async () => {
    const p = new FakePaymentProvider();
    const first = await p.authorize({ amount: 1000, cardNumber: TEST_CARDS.approve, reference: "r0" });
    if (!first.approved) throw new Error("approved expected");
    await p.capture(first.authorizationId);
    for (let i = 0; i < FakePaymentProvider.REMEMBERED; i++)
      await p.authorize({ amount: 1000, cardNumber: TEST_CARDS.approve, reference: `r${i + 1}` });
    expect(p.all()).toHaveLength(FakePaymentProvider.REMEMBERED);
    expect(p.inspect(first.authorizationId)).toBeUndefined();
    // Like a payment it never saw (restart, another instance): the shop's payments row bounds refunds.
    await expect(p.refund(first.authorizationId, 500)).resolves.toMatchObject({ refundId: expect.any(String) });
  });
});
