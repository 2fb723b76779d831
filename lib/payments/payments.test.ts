import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { payments, refunds } from "@/db/schema";
import { pipelinedTransaction } from "@/db/raw";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { callProvider, ProviderUnanswered } from "./call";
import { charge } from "./charge";
import { TEST_CARDS } from "./fake";
import { ProviderRefusal } from "./provider";
import { loadPayment, recordCaptured, recordPaymentIntent } from "./records";
import { makeRefunds, requestRefunds, withRefunds, type RefundRequest } from "./refund";
import { settleIntents } from "./settle-intents";
import { ScriptedProvider } from "./testing";

const t = setupTestDb();
let customer: UserActor;

beforeAll(async () => {
  customer = await makeCustomer(t.db);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A payment of `amount`, captured by `provider`: what a paid reservation leaves behind. */
async function capturedPayment(provider: ScriptedProvider, amount = 10_000) {
  const intent = await recordPaymentIntent(t.db, {
    customerId: customer.id,
    purpose: "reservation",
    refId: randomUUID(),
    provider: provider.name,
    amount,
  });
  const authorizationId = await charge(t.db, provider, intent, TEST_CARDS.approve);
  await recordCaptured(t.db, intent.id, authorizationId);
  return { ...intent, authorizationId };
}

const reason = (paymentId: string, refId = randomUUID(), amount?: number): RefundRequest => ({
  paymentId,
  refType: "test",
  refId,
  amount,
  reason: "test",
  actorUserId: null,
});

const refundRows = (paymentId: string) => t.db.select().from(refunds).where(eq(refunds.paymentId, paymentId));

describe("the rule: the provider is never called while a row lock is held", () => {
  it("refuses a provider call inside a transaction, pipelined or not, and makes it outside", async () => {
    const provider = new ScriptedProvider();
    const call = () => callProvider("lookup", () => provider.lookup("k"));
    await expect(t.db.transaction(() => call())).rejects.toThrow(/inside a transaction/);
    await expect(pipelinedTransaction(t.db, async () => ({ result: await call() }))).rejects.toThrow(
      /inside a transaction/,
    );
    expect(provider.calls).toHaveLength(0);
    await expect(call()).resolves.toBeNull();
  });

  it("the test provider sees a transaction left open in the database (so the checks below can fail)", async () => {
    const provider = new ScriptedProvider(undefined, { db: t.db });
    const reserved = await t.sql.reserve();
    try {
      await reserved.unsafe("begin");
      await reserved.unsafe("select 1");
      await provider.lookup("k");
      expect(provider.underLock).toEqual(["lookup"]);
    } finally {
      await reserved.unsafe("rollback");
      reserved.release();
    }
    await provider.lookup("k");
    expect(provider.underLock).toEqual(["lookup"]);
  });

  it("gives up on a provider that does not answer within PAYMENT_TIMEOUT_MS: the outcome is unknown", async () => {
    vi.stubEnv("PAYMENT_TIMEOUT_MS", "50");
    const provider = new ScriptedProvider().next("lookup", { hangMs: 2_000 });
    const started = Date.now();
    await expect(callProvider("lookup", () => provider.lookup("k"))).rejects.toBeInstanceOf(
      ProviderUnanswered,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    // A refusal is an answer, not an unknown outcome.
    const refusing = new ScriptedProvider().next("capture", "refuse");
    await expect(callProvider("capture", () => refusing.capture("fake_auth_x"))).rejects.toBeInstanceOf(
      ProviderRefusal,
    );
  });
});

describe("refunds", () => {
  it("one per payment and reason: asked again (in another transaction, or at once), nothing more", async () => {
    const provider = new ScriptedProvider();
    const p = await capturedPayment(provider, 10_000);
    const r = reason(p.id);
    const first = await withRefunds(t.db, async (tx) => ({ refunds: await requestRefunds(tx, [r, r]) }), {
      provider,
    });
    expect(first.refunds).toHaveLength(1);
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        withRefunds(t.db, async (tx) => ({ refunds: await requestRefunds(tx, [r]) }), { provider }),
      ),
    );
    expect(again.every((a) => a.refunds.length === 0)).toBe(true);
    expect(await refundRows(p.id)).toMatchObject([{ status: "succeeded", amount: 10_000 }]);
    expect(provider.fake.refunds(p.authorizationId)).toHaveLength(1);
    expect(await loadPayment(t.db, p.id)).toMatchObject({ status: "refunded", refundedAmount: 10_000 });
  });

  it("never past what was captured: a second reason gets only what is left", async () => {
    const provider = new ScriptedProvider();
    const p = await capturedPayment(provider, 1_000);
    await withRefunds(
      t.db,
      async (tx) => ({ refunds: await requestRefunds(tx, [reason(p.id, undefined, 700)]) }),
      {
        provider,
      },
    );
    const second = await withRefunds(
      t.db,
      async (tx) => ({ refunds: await requestRefunds(tx, [reason(p.id, undefined, 700), reason(p.id)]) }),
      { provider },
    );
    expect(second.refunds.map((r) => r.amount)).toEqual([300]);
    expect(await loadPayment(t.db, p.id)).toMatchObject({ status: "refunded", refundedAmount: 1_000 });
  });

  it("a transaction that rolls back after asking refunds nothing", async () => {
    const provider = new ScriptedProvider();
    const p = await capturedPayment(provider);
    await expect(
      withRefunds(
        t.db,
        async (tx) => {
          await requestRefunds(tx, [reason(p.id)]);
          throw new Error("the cancellation failed after asking");
        },
        { provider },
      ),
    ).rejects.toThrow("failed after asking");
    expect(await refundRows(p.id)).toHaveLength(0);
    expect(provider.count("refund")).toBe(0);
  });

  it("made by the provider but never recorded (the caller died): the sweep records it, refunding once", async () => {
    const provider = new ScriptedProvider().next("refund", "lost");
    const p = await capturedPayment(provider);
    const out = await withRefunds(
      t.db,
      async (tx) => ({ refunds: await requestRefunds(tx, [reason(p.id)]) }),
      {
        provider,
      },
    );
    expect(out.made).toEqual({ succeeded: 0, failed: 0, pending: 1 });
    expect(await refundRows(p.id)).toMatchObject([{ status: "pending" }]);
    expect(await loadPayment(t.db, p.id)).toMatchObject({ status: "captured", refundedAmount: 0 });
    expect(provider.fake.refunds(p.authorizationId)).toHaveLength(1); // it did happen

    // Not yet the sweep's (too recent), then the sweep's.
    expect((await settleIntents(t.db, { provider })).refunds.succeeded).toBe(0);
    expect((await settleIntents(t.db, { provider, olderThanMs: 0 })).refunds.succeeded).toBe(1);
    expect((await settleIntents(t.db, { provider, olderThanMs: 0 })).refunds.succeeded).toBe(0);
    expect(await refundRows(p.id)).toMatchObject([{ status: "succeeded", providerRef: expect.any(String) }]);
    expect(provider.fake.refunds(p.authorizationId)).toHaveLength(1);
    expect(provider.count("refund")).toBe(2); // asked twice, with one key: made once
    expect(await loadPayment(t.db, p.id)).toMatchObject({ status: "refunded", refundedAmount: p.amount });
  });

  it("after a call that got no answer the rest wait for the sweep; a refusal is failed, never retried", async () => {
    const provider = new ScriptedProvider();
    const a = await capturedPayment(provider);
    const b = await capturedPayment(provider);
    const c = await capturedPayment(provider);
    provider.next("refund", "refuse");
    const refused = await withRefunds(
      t.db,
      async (tx) => ({ refunds: await requestRefunds(tx, [reason(a.id)]) }),
      {
        provider,
      },
    );
    expect(refused.made).toEqual({ succeeded: 0, failed: 1, pending: 0 });
    expect(await refundRows(a.id)).toMatchObject([{ status: "failed", failureReason: expect.any(String) }]);

    provider.next("refund", "fail");
    const ids = await t.db.transaction((tx) => requestRefunds(tx, [reason(b.id), reason(c.id)]));
    // One at a time, so the second is not tried once the first got no answer.
    const tally = await makeRefunds(t.db, [ids[0]!.id], { provider });
    expect(tally).toEqual({ succeeded: 0, failed: 0, pending: 1 });
    const swept = await settleIntents(t.db, { provider, olderThanMs: 0 });
    expect(swept.refunds).toEqual({ succeeded: 2, failed: 0, pending: 0 });
    expect(provider.fake.refunds(a.authorizationId)).toHaveLength(0);
    expect(provider.fake.refunds(b.authorizationId)).toHaveLength(1);
    expect(provider.fake.refunds(c.authorizationId)).toHaveLength(1);
    expect(await refundRows(a.id)).toMatchObject([{ status: "failed" }]);
    const [pa] = await t.db.select().from(payments).where(eq(payments.id, a.id));
    expect(pa).toMatchObject({ status: "captured", refundedAmount: 0 });
  });
});
