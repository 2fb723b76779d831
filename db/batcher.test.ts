import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

type Item = { key: string; n: number };

/** A batcher whose `run` is held open until the test releases it; it records every batch it got. */
function held(opts: { maxInFlight?: number; maxBatch?: number } = {}) {
  const batches: Item[][] = [];
  const open: { release: () => void; fail: (e: unknown) => void }[] = [];
  const b = new Batcher<Item, string>(
    (items) =>
      new Promise<string[]>((resolve, reject) => {
        batches.push(items);
        open.push({ release: () => resolve(items.map((i) => `${i.key}#${i.n}`)), fail: reject });
      }),
    { maxInFlight: opts.maxInFlight ?? 1, maxBatch: opts.maxBatch ?? 100, keyOf: (i) => i.key },
  );
  const settle = () => new Promise((r) => setImmediate(r));
  return { b, batches, open, settle };
}

describe("Batcher", () => {
  it("sends an item at once when no batch is out, and gathers the ones that arrive meanwhile", async () => {
    const { b, batches, open, settle } = held();
    const first = b.submit({ key: "a", n: 1 });
    expect(batches).toEqual([[{ key: "a", n: 1 }]]);
    const rest = ["b", "c", "d"].map((key, n) => b.submit({ key, n }));
    expect(batches).toHaveLength(1); // they wait for the batch that is out
    open[0]!.release();
    expect(await first).toBe("a#1");
    await settle();
    expect(batches[1]!.map((i) => i.key)).toEqual(["b", "c", "d"]);
    open[1]!.release();
    expect(await Promise.all(rest)).toEqual(["b#0", "c#1", "d#2"]);
    expect(b.stats).toEqual({ batches: 2, items: 4, largest: 3 });
  });

  it("never puts two items of one key in a batch, nor sends a key a batch out holds, and keeps a key's order", async () => {
    const { b, batches, open, settle } = held({ maxInFlight: 2 });
    void b.submit({ key: "a", n: 1 }); // out alone
    const later = [b.submit({ key: "a", n: 2 }), b.submit({ key: "b", n: 1 }), b.submit({ key: "a", n: 3 })];
    // The second slot takes b only: both a's wait for the batch that holds a.
    expect(batches.map((x) => x.map((i) => `${i.key}${i.n}`))).toEqual([["a1"], ["b1"]]);
    open[1]!.release();
    await settle();
    expect(batches).toHaveLength(2); // a is still held
    open[0]!.release();
    await settle();
    expect(batches[2]!.map((i) => `${i.key}${i.n}`)).toEqual(["a2"]);
    open[2]!.release();
    await settle();
    expect(batches[3]!.map((i) => `${i.key}${i.n}`)).toEqual(["a3"]);
    open[3]!.release();
    expect(await Promise.all(later)).toEqual(["a#2", "b#1", "a#3"]);
  });

  it("caps a batch at maxBatch and sends the rest next", async () => {
    const { b, batches, open, settle } = held({ maxBatch: 2 });
    const all = ["a", "b", "c", "d", "e"].map((key, n) => b.submit({ key, n }));
    open[0]!.release();
    await settle();
    open[1]!.release();
    await settle();
    open[2]!.release();
    await Promise.all(all);
    expect(batches.map((x) => x.length)).toEqual([1, 2, 2]);
  });

  it("rejects every item of a batch that fails, and goes on with the next", async () => {
    const { b, open, settle } = held();
    const a = b.submit({ key: "a", n: 1 });
    const c = b.submit({ key: "c", n: 1 });
    open[0]!.fail(new Error("boom"));
    await expect(a).rejects.toThrow("boom");
    await settle();
    open[1]!.release();
    expect(await c).toBe("c#1");
  });

  it("rejects the batch when run throws at once or answers the wrong number of results", async () => {
    const thrower = new Batcher<Item, string>(() => {
      throw new Error("at once");
    }, { maxInFlight: 1, maxBatch: 10, keyOf: (i) => i.key });
    await expect(thrower.submit({ key: "a", n: 1 })).rejects.toThrow("at once");
    const short = new Batcher<Item, string>(async () => [], { maxInFlight: 1, maxBatch: 10, keyOf: (i) => i.key });
    await expect(short.submit({ key: "a", n: 1 })).rejects.toThrow("0 results for a batch of 1");
  });
});
