/** Latency percentiles, and the plans of the statements a call runs (which scans, which indexes). */
import type { Sql } from "postgres";

export type Latency = { p50: number; p99: number; n: number };

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Runs `fn` one call at a time (a shopper's request): a warm-up, then `n` timed calls. */
export async function latency(n: number, fn: () => Promise<unknown>, warmup = Math.min(20, n)): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99), n };
}

type Captured = { text: string; params: unknown[] };

/**
 * Records the statements the client sends while `fn` runs. drizzle (through db/client.ts) sends every
 * query through `client.unsafe`, which is looked up on the client at each call, so wrapping it sees all.
 */
export async function capture(client: Sql, fn: () => Promise<unknown>): Promise<Captured[]> {
  const seen: Captured[] = [];
  const original = client.unsafe;
  (client as { unsafe: unknown }).unsafe = (text: string, params?: unknown[], options?: unknown) => {
    seen.push({ text, params: params ?? [] });
    return (original as (...a: unknown[]) => unknown).call(client, text, params, options);
  };
  try {
    await fn();
  } finally {
    (client as { unsafe: unknown }).unsafe = original;
  }
  return seen;
}

const literal = (v: unknown): string => {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return literal(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`);
  return `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`;
};

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: PlanNode[] };

/**
 * The scans of each captured statement as the app runs it: prepared, with the session's
 * plan_cache_mode (db/client.ts forces generic plans), via PREPARE and EXPLAIN EXECUTE.
 */
export async function scansOf(client: Sql, statements: Captured[]): Promise<string[]> {
  const conn = await client.reserve();
  try {
    const out: string[] = [];
    for (const [i, s] of statements.entries()) {
      const name = `bench_explain_${i}`;
      await conn.unsafe(`prepare ${name} as ${s.text}`);
      const args = s.params.length ? `(${s.params.map(literal).join(", ")})` : "";
      const [row] = await conn.unsafe(`explain (format json) execute ${name}${args}`);
      await conn.unsafe(`deallocate ${name}`);
      const plan = (row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
      const scans: string[] = [];
      const walk = (n: PlanNode) => {
        if (n["Index Name"]) scans.push(`${n["Node Type"]} ${n["Index Name"]}`);
        else if (n["Node Type"] === "Seq Scan") scans.push(`Seq Scan ${n["Relation Name"]}`);
        n.Plans?.forEach(walk);
      };
      walk(plan);
      out.push([...new Set(scans)].join(", ") || plan["Node Type"]);
    }
    return out;
  } finally {
    conn.release();
  }
}
