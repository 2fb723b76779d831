import { describe, expect, it } from "vitest";
import { productStatus } from "@/db/schema";
import { allowedProductEvents, nextProductStatus, type ProductEvent, type ProductStatus } from "./lifecycle";

const statuses = productStatus.enumValues as readonly ProductStatus[];
const events: ProductEvent[] = ["submit", "approve", "send_back", "publish", "pause", "discontinue"];

/** Every legal step, written out by hand: anything not listed here must be refused. */
const LEGAL: Record<string, ProductStatus> = {
  "draft submit": "in_review",
  "in_review approve": "approved",
  "in_review send_back": "draft",
  "approved publish": "on_sale",
  "paused publish": "on_sale",
  "on_sale pause": "paused",
  "draft discontinue": "discontinued",
  "in_review discontinue": "discontinued",
  "approved discontinue": "discontinued",
  "on_sale discontinue": "discontinued",
  "paused discontinue": "discontinued",
};

describe("the product lifecycle", () => {
  for (const from of statuses) {
    for (const event of events) {
      const expected = LEGAL[`${from} ${event}`] ?? null;
      it(`${from} —${event}→ ${expected ?? "refused"}`, () => {
        expect(nextProductStatus(from, event)).toBe(expected);
      });
    }
  }

  it("offers the seller and marketing only their own steps", () => {
    expect(allowedProductEvents("draft", "seller")).toEqual(["submit", "discontinue"]);
    expect(allowedProductEvents("draft", "marketing")).toEqual(["discontinue"]);
    expect(allowedProductEvents("in_review", "seller")).toEqual(["discontinue"]);
    expect(allowedProductEvents("in_review", "marketing")).toEqual(["approve", "send_back", "discontinue"]);
    expect(allowedProductEvents("on_sale", "seller")).toEqual(["pause", "discontinue"]);
    expect(allowedProductEvents("discontinued", "seller")).toEqual([]);
    expect(allowedProductEvents("discontinued", "marketing")).toEqual([]);
  });
});
