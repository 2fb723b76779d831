/**
 * A .cpuprofile (node --cpu-prof) summed up: the functions with the most self time, and the time by
 * package (node_modules/<name>, the app's own files, node's internals).
 * `node --import tsx bench/http/cpu-profile.ts <file.cpuprofile> [how many rows]`
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: cpu-profile.ts <file.cpuprofile> [rows]");
const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1]!;
  if (url.startsWith("node:") || url === "") return url || "(native/gc/idle)";
  return url.includes("/.next/") ? "app (.next build)" : "app";
};
const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  const key = `${f.functionName || "(anonymous)"}  ${f.url.replace(/^.*node_modules\//, "")}:${f.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const pk = f.functionName === "(idle)" ? "(idle)" : where(f.url);
  pkgs.set(pk, (pkgs.get(pk) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const top = Number(rowsArg ?? 30);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log("\nby package:");
for (const [k, v] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(v)}  ${k}`);
console.log("\nby function (self time):");
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);

// Each sample's time charged to the nearest of the app's own functions on its stack (what the
// libraries' time is spent for), excluding the profiling harness itself.
const parent = new Map<number, number>();
for (const n of p.nodes as (Node & { children?: number[] })[]) for (const c of n.children ?? []) parent.set(c, n.id);
const own = (n: Node) => where(n.callFrame.url).startsWith("app") && !n.callFrame.url.includes("/bench/");
const charged = new Map<string, number>();
for (const [id, us] of self) {
  let cur: number | undefined = id;
  while (cur !== undefined && !own(byId.get(cur)!)) cur = parent.get(cur);
  const f = cur === undefined ? undefined : byId.get(cur)!.callFrame;
  const key = f ? `${f.functionName || "(anonymous)"}  ${f.url.replace(/^.*wt-[^/]+\//, "").replace(/^file:\/\/\/[^ ]*?\/(app|lib|db)\//, "$1/")}:${f.lineNumber + 1}` : "(no app frame)";
  charged.set(key, (charged.get(key) ?? 0) + us);
}
console.log("\ncharged to the nearest app function:");
for (const [k, v] of [...charged].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
