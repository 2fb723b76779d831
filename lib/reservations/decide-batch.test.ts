import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, type PendingRequest } from "./decide-batch";

const req = (seq: number, customerId: string, quantity = 1): PendingRequest => ({
  id: `r${seq}`,
  seq,
  customerId,
  quantity,
});

describe("allocate (the deciding rule, no I/O)", () => {
  it("confirms in arrival order while capacity lasts and rejects the rest as sold out", () => {
    const out = allocate([req(1, "a"), req(2, "b"), req(3, "c")], 2, null, new Map());
    expect(out.map((d) => [d.id, d.status, d.reason])).toEqual([
      ["r1", "confirmed", null],
      ["r2", "confirmed", null],
      ["r3", "rejected", "sold_out"],
    ]);
  });

  it("lets a later smaller request take what an earlier bigger one could not (first fit)", () => {
    const out = allocate([req(1, "a", 3), req(2, "b", 1)], 2, null, new Map());
    expect(out.map((d) => d.status)).toEqual(["rejected", "confirmed"]);
  });

  it("counts what the customer already holds and what this batch gave them against the limit", () => {
    const out = allocate([req(1, "a"), req(2, "a"), req(3, "b"), req(4, "b")], 10, 1, new Map([["b", 1]]));
    expect(out.map((d) => d.reason)).toEqual([null, "over_limit", "over_limit", "over_limit"]);
  });

  it("never gives more than is free, never breaks the limit, and decides every request (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: fc.integer({ min: 0, max: 5 }), q: fc.integer({ min: 1, max: 4 }) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 40 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        (reqs, free, limit) => {
          const requests = reqs.map((r, i) => req(i + 1, `c${r.c}`, r.q));
          const out = allocate(requests, free, limit, new Map());
          expect(out.map((d) => d.id)).toEqual(requests.map((r) => r.id));
          const given = out.filter((d) => d.status === "confirmed").reduce((n, d) => n + d.quantity, 0);
          expect(given).toBeLessThanOrEqual(free);
          const perCustomer = new Map<string, number>();
          out.forEach((d, i) => {
            if (d.status === "confirmed")
              perCustomer.set(
                requests[i]!.customerId,
                (perCustomer.get(requests[i]!.customerId) ?? 0) + d.quantity,
              );
          });
          if (limit !== null) for (const n of perCustomer.values()) expect(n).toBeLessThanOrEqual(limit);
          // A sold-out rejection means it really did not fit in what was left at its turn.
          let left = free;
          out.forEach((d, i) => {
            if (d.status === "confirmed") left -= d.quantity;
            if (d.reason === "sold_out") expect(requests[i]!.quantity).toBeGreaterThan(left);
          });
        },
      ),
    );
  });
});
