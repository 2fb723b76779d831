/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements a listing runs, as the app prepares them (generic plans):
 * `tsx bench/catalog/explain.ts <database url> '<json input>' …`, e.g. '{"q":"충"}' '{"category":"accessory"}'.
 * For looking at a slow case of the benchmark on its database while it runs, or on any other.
 */
import { createDb } from "@/db/client";
import { listProducts } from "@/lib/catalog/queries";
import { capture } from "./measure";

const literal = (v: unknown): string =>
  v === null || v === undefined ? "null" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;

async function main() {
  const [url, ...inputs] = process.argv.slice(2);
  const { db, sql: client } = createDb(url!, { max: 1, timeouts: false });
  try {
    for (const raw of inputs) {
      const input = JSON.parse(raw) as Record<string, unknown>;
      await listProducts(db, input); // warm
      const statements = await capture(client, () => listProducts(db, input));
      const conn = await client.reserve();
      try {
        for (const [i, s] of statements.slice(0, 2).entries()) {
          await conn.unsafe(`prepare explain_${i} as ${s.text}`);
          const args = s.params.length ? `(${s.params.map(literal).join(", ")})` : "";
          const rows = await conn.unsafe(`explain (analyze, buffers, costs off) execute explain_${i}${args}`);
          await conn.unsafe(`deallocate explain_${i}`);
          console.log(`\n===== ${raw} — statement ${i + 1}\n${s.text.replace(/\s+/g, " ").slice(0, 300)}…`);
          for (const r of rows) console.log(r["QUERY PLAN"]);
        }
      } finally {
        conn.release();
      }
    }
  } finally {
    await client.end();
  }
}
void main();
