import { compareStockKeys, stockKeyOf, type StockKey } from "./stock";

/**
 * Admission to a hot stock row, per process: at most WAITERS_PER_ROW transactions of this process may be
 * inside PostgreSQL's lock queue of one stock row at a time; the others wait here, where waiting costs
 * nothing. PostgreSQL hands a row lock from one waiter to the next well when the queue is short; with
 * dozens of waiters every hand-off goes through the lock manager for all of them, and the row's
 * throughput falls (measured with bench/orders: 50 waiters ≈ 0.6× of 3–12; 1 waiter is worse still,
 * because each hand-off then waits for this process). A few keep successors ready inside PostgreSQL. Keys are taken in the global lock order, so gates cannot
 * deadlock either. Correctness never depends on this: the row locks do; this only shapes the queue.
 */
export const WAITERS_PER_ROW = 4;

type Gate = { inside: number; queue: (() => void)[] };
const gates = new Map<string, Gate>();

async function enter(key: string): Promise<void> {
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = { inside: 0, queue: [] }));
  if (gate.inside < WAITERS_PER_ROW) {
    gate.inside++;
    return;
  }
  await new Promise<void>((resolve) => gate.queue.push(resolve));
}

function leave(key: string) {
  const gate = gates.get(key)!;
  const next = gate.queue.shift();
  if (next) return next(); // the place passes straight to the next in line
  gate.inside--;
  if (gate.inside === 0) gates.delete(key);
}

/** Enters the gates of these rows (in the global order); returns the function that leaves them. */
export async function admitStockKeys(keys: StockKey[]): Promise<() => void> {
  const ordered = [...new Map(keys.map((k) => [stockKeyOf(k), k])).values()]
    .sort(compareStockKeys)
    .map(stockKeyOf);
  const entered: string[] = [];
  for (const key of ordered) {
    await enter(key);
    entered.push(key);
  }
  return () => entered.forEach(leave);
}
