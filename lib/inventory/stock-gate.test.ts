import { describe, expect, it } from "vitest";
import { admitStockKeys, WAITERS_PER_ROW } from "./stock-gate";

const k = (variantId: string, locationId = "L") => ({ locationId, variantId });
const tick = () => new Promise((r) => setTimeout(r, 1));

describe("admitStockKeys", () => {
  it("lets at most WAITERS_PER_ROW in per row, the rest in arrival order", async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const leave = await admitStockKeys([k("hot")]);
        inside++;
        most = Math.max(most, inside);
        order.push(i);
        await tick();
        inside--;
        leave();
      }),
    );
    expect(most).toBe(WAITERS_PER_ROW);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("does not hold back other rows", async () => {
    const leaves = await Promise.all(Array.from({ length: 10 }, (_, i) => admitStockKeys([k(`v${i}`)])));
    leaves.forEach((leave) => leave());
  });

  it("never deadlocks on rows asked for in opposite orders", async () => {
    const done = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const leave = await admitStockKeys(i % 2 ? [k("a"), k("b")] : [k("b"), k("a")]);
        await tick();
        leave();
        return true;
      }),
    );
    expect(done.every(Boolean)).toBe(true);
  });
});
