import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodFieldErrors } from "./validation";

describe("zodFieldErrors", () => {
  it("names unknown fields called like Object.prototype's members (found by test/properties)", () => {
    const body = JSON.parse('{"a":1,"toString":0,"constructor":[],"__proto__":{"x":1},"hasOwnProperty":"y"}');
    const error = z.strictObject({ a: z.number() }).safeParse(body).error!;
    const errors = zodFieldErrors(error);
    expect(Object.keys(errors).sort()).toEqual(["__proto__", "constructor", "hasOwnProperty", "toString"]);
    expect(Object.hasOwn(JSON.parse(JSON.stringify(errors)), "__proto__")).toBe(true);
  });

  it("keeps the first message of each path, nested paths joined with dots", () => {
    const error = z
      .strictObject({ items: z.array(z.strictObject({ q: z.number().min(1).max(2) })) })
      .safeParse({ items: [{ q: 0 }, { q: "x", valueOf: 1 }] }).error!;
    expect(Object.keys(zodFieldErrors(error)).sort()).toEqual(["items.0.q", "items.1.q", "items.1.valueOf"]);
  });
});
