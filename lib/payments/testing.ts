/** Test providers of the payments module (tests only). */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { insideTransaction } from "@/db/client";
import { FakePaymentProvider } from "./fake";
import { ProviderRefusal, type KeyLookup, type PaymentProvider } from "./provider";

type Op = "authorize" | "capture" | "void" | "refund" | "lookup";

/**
 * How one call goes:
 * - `ok`: as the fake answers;
 * - `refuse`: the provider answers no (ProviderRefusal);
 * - `fail`: the call never reaches the provider (a network error); nothing happens;
 * - `lost`: the provider does it, and the answer never arrives: the caller sees an error, as if it had
 *   died right after the call (it records no outcome);
 * - `{ hangMs }`: the provider does it, `hangMs` later (past the shop's deadline: the caller gave up).
 */
export type Behaviour = "ok" | "refuse" | "fail" | "lost" | { hangMs: number };

/**
 * The fake provider with scripted failures, that also checks the rule: at each call it asks PostgreSQL
 * whether any session of this test's database is inside a transaction (which may hold row locks).
 */
export class ScriptedProvider implements PaymentProvider {
  readonly name = "fake";
  readonly calls: { op: Op; behaviour: Behaviour }[] = [];
  /** Calls made while a session of the database was inside a transaction, or inside one in this process. */
  readonly underLock: Op[] = [];
  private readonly plan = new Map<Op, Behaviour[]>();

  constructor(
    readonly fake = new FakePaymentProvider(),
    private readonly opts: { db?: Db } = {},
  ) {}

  /** The next calls of `op` go so, one each in order; later ones are `ok`. */
  next(op: Op, ...behaviours: Behaviour[]): this {
    this.plan.set(op, [...(this.plan.get(op) ?? []), ...behaviours]);
    return this;
  }

  count(op: Op): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  authorize(req: Parameters<PaymentProvider["authorize"]>[0]) {
    return this.run("authorize", () => this.fake.authorize(req));
  }
  capture(authorizationId: string) {
    return this.run("capture", () => this.fake.capture(authorizationId));
  }
  void(authorizationId: string) {
    return this.run("void", () => this.fake.void(authorizationId));
  }
  refund(req: Parameters<PaymentProvider["refund"]>[0]) {
    return this.run("refund", () => this.fake.refund(req));
  }
  lookup(key: string): Promise<KeyLookup> {
    return this.run("lookup", () => this.fake.lookup(key));
  }

  private async run<T>(op: Op, fn: () => Promise<T>): Promise<T> {
    const behaviour = this.plan.get(op)?.shift() ?? "ok";
    this.calls.push({ op, behaviour });
    if (insideTransaction() || (this.opts.db && (await openTransactions(this.opts.db)) > 0))
      this.underLock.push(op);
    if (behaviour === "refuse") throw new ProviderRefusal(`scripted: ${op} refused`);
    if (behaviour === "fail") throw new Error(`scripted: ${op} never reached the provider`);
    if (behaviour === "lost") {
      await fn();
      throw new Error(`scripted: ${op} made, its answer lost`);
    }
    if (typeof behaviour === "object") {
      await new Promise((r) => setTimeout(r, behaviour.hangMs));
      return fn();
    }
    return fn();
  }
}

/** Sessions of this database (other than the asking one) inside a transaction and waiting on this process. */
async function openTransactions(db: Db): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()
      and state in ('idle in transaction', 'idle in transaction (aborted)')`);
  return row!.n;
}
