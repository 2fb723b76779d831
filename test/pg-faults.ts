import { readFileSync } from "node:fs";
import type { Db } from "@/db/client";
import { placeOrder } from "@/lib/orders/place-order";
import { FakePaymentProvider } from "@/lib/payments/fake";
import { actorFor } from "@/test/factories";
import { address, demoIds } from "@/test/orders-fixtures";

/** Tools of the fault tests (db/faults.test.ts): PostgreSQL's processes, signals, timing, traffic. */

/** The postmaster and every process it started (backends, checkpointer, …). */
export function serverProcesses(pid: number): number[] {
  const kids = (p: number): number[] => {
    try {
      const ids = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return ids.flatMap((k) => [k, ...kids(k)]);
    } catch {
      return [];
    }
  };
  return [pid, ...kids(pid)];
}

export const signalAll = (pids: number[], signal: NodeJS.Signals) => {
  for (const p of pids) {
    try {
      process.kill(p, signal);
    } catch {
      /* already gone */
    }
  }
};

export async function timed<T>(p: Promise<T>): Promise<{ ms: number; error: unknown; value: T | undefined }> {
  const t0 = Date.now();
  try {
    const value = await p;
    return { ms: Date.now() - t0, error: null, value };
  } catch (error) {
    return { ms: Date.now() - t0, error, value: undefined };
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

export type Call = { at: number; ms: number; error: unknown; orderId: string | null };

/** No answer within `ms`: what a hang looks like to the traffic below. */
export class Hung extends Error {}

/**
 * Orders placed without pause by `workers` loops, through placeOrder (what POST /api/orders runs), each
 * call bounded by `boundMs` (past it the call counts as Hung). `acked` are the orders whose call
 * returned: the API's 201s.
 */
export async function orderTraffic(db: Db, opts: { workers: number; boundMs: number }) {
  const customer = await actorFor(db, "customer@demo.test");
  const ids = await demoIds(db);
  const input = () => ({
    items: [{ variantId: ids.variant("SM-S931N-1-1"), quantity: 1 }],
    sourceLocationId: ids.loc("HUB-BUNDANG"),
    shippingAddress: address(),
  });
  const payments = new FakePaymentProvider();
  const calls: Call[] = [];
  const acked: string[] = [];
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      const at = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Hung(`no answer in ${opts.boundMs} ms`)), opts.boundMs)));
      const r = await timed(Promise.race([placeOrder(db, customer, input(), { payments }), bound]));
      clearTimeout(timer);
      const orderId = r.value?.order.id ?? null;
      if (orderId) acked.push(orderId);
      calls.push({ at, ms: r.ms, error: r.error, orderId });
      if (r.error) await sleep(25); // a client's retry, not a spin
    }
  };
  const loops = Array.from({ length: opts.workers }, loop);
  return {
    calls,
    acked,
    /** Successful calls that started at or after `t`. */
    okSince: (t: number) => calls.filter((c) => c.at >= t && c.orderId).length,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
