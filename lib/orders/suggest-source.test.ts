import { describe, expect, it } from "vitest";
import { evaluateSources, suggestSource, type SourceCandidate } from "./suggest-source";

const morning = new Date("2026-03-02T01:00:00Z"); // 10:00 KST
const cand = (
  code: string,
  kind: SourceCandidate["kind"],
  region: string,
  available: number[],
): SourceCandidate => ({
  locationId: code,
  code,
  kind,
  region,
  name: code,
  nameEn: code,
  lines: available.map((a, i) => ({ variantId: `v${i}`, requested: 2, available: a })),
});

describe("evaluateSources and suggestSource", () => {
  it("suggests the fastest source that can fill every line", () => {
    const options = evaluateSources(
      [
        cand("LC", "logistics_center", "gyeonggi", [100, 100]),
        cand("HUB-FAR", "org_hub", "seoul", [9, 9]),
        cand("HUB-NEAR", "dealer_hub", "gyeonggi", [5, 2]),
      ],
      "gyeonggi",
      morning,
    );
    expect(options.map((o) => o.code)).toEqual(["HUB-NEAR", "HUB-FAR", "LC"]);
    expect(suggestSource(options)!.code).toBe("HUB-NEAR");
  });

  it("skips a faster source that cannot fill the whole order, saying which line is short", () => {
    const options = evaluateSources(
      [
        cand("LC", "logistics_center", "gyeonggi", [100, 100]),
        cand("HUB-NEAR", "dealer_hub", "gyeonggi", [5, 1]),
      ],
      "gyeonggi",
      morning,
    );
    const near = options.find((o) => o.code === "HUB-NEAR")!;
    expect(near.canFill).toBe(false);
    expect(near.short).toEqual([{ variantId: "v1", requested: 2, available: 1 }]);
    expect(suggestSource(options)!.code).toBe("LC");
  });

  it("breaks a tie in speed by the most available", () => {
    const options = evaluateSources(
      [cand("HUB-A", "org_hub", "busan", [3, 3]), cand("HUB-B", "dealer_hub", "daegu", [10, 10])],
      "seoul",
      morning,
    );
    expect(suggestSource(options)!.code).toBe("HUB-B");
  });

  it("suggests nothing when no source can fill the order", () => {
    expect(
      suggestSource(evaluateSources([cand("LC", "logistics_center", "seoul", [0, 9])], "seoul", morning)),
    ).toBeNull();
  });
});
