import { describe, expect, it } from "vitest";
import { uuidv7 } from "@/lib/ids";
import { orderNumber } from "./order-number";

describe("orderNumber", () => {
  it("tells apart orders made in the same millisecond", () => {
    const now = Date.now();
    const numbers = new Set(Array.from({ length: 200 }, () => orderNumber(uuidv7(now))));
    expect(numbers.size).toBe(200);
    expect([...numbers][0]).toMatch(/^[0-9A-F]{8}$/);
  });
});
