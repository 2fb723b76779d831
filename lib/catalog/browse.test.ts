import { describe, expect, it } from "vitest";
import { browseHref, browseQuery, marketplaceNames } from "./browse";

describe("browseQuery", () => {
  it("keeps good values and drops bad ones", () => {
    expect(browseQuery({ q: "  갤럭시 ", type: "reservation", category: "phone", page: "2" })).toEqual({
      q: "갤럭시",
      type: "reservation",
      category: "phone",
      page: 2,
    });
    expect(browseQuery({ q: "x".repeat(101), type: "bundle", category: "", page: "abc" })).toEqual({
      page: 1,
    });
    expect(browseQuery({ page: "99999999", type: ["stock", "reservation"] })).toEqual({
      page: 1,
      type: "stock",
    });
  });
});

describe("browseHref", () => {
  it("leaves defaults out and encodes the search", () => {
    expect(browseHref({ page: 1 })).toBe("/");
    expect(browseHref({ q: "갤럭시 S25", type: "stock", page: 3 })).toBe(
      "/?q=%EA%B0%A4%EB%9F%AD%EC%8B%9C+S25&type=stock&page=3",
    );
  });
});

describe("marketplaceNames", () => {
  it("names the marketplace sellers in the page's language, and not the retailer's store", () => {
    const sellers = [
      { id: "r", name: "허브 다이렉트", nameEn: "Hub Direct", kind: "retailer" as const },
      { id: "m", name: "디지털플라자", nameEn: "Digital Plaza", kind: "marketplace" as const },
    ];
    expect([...marketplaceNames(sellers, "ko")]).toEqual([["m", "디지털플라자"]]);
    expect(marketplaceNames(sellers, "en").get("m")).toBe("Digital Plaza");
    expect(marketplaceNames(sellers, "en").has("r")).toBe(false);
  });
});
