import { describe, expect, it } from "vitest";
import { browseHref, browseQuery } from "./browse";

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
