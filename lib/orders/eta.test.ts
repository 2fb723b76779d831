import { describe, expect, it } from "vitest";
import { compareEta, estimateDelivery } from "./eta";

// 13:59 and 14:00 in Seoul (UTC+9) are 04:59 and 05:00 UTC.
const before = new Date("2026-03-02T04:59:00Z");
const after = new Date("2026-03-02T05:00:00Z");

describe("estimateDelivery", () => {
  it("a hub in the customer's region: same day before 14:00 KST, next day from 14:00", () => {
    for (const kind of ["org_hub", "dealer_hub"] as const) {
      expect(estimateDelivery({ kind, region: "seoul" }, "seoul", before)).toEqual({
        kind: "same_day",
        minDays: 0,
        maxDays: 0,
      });
      expect(estimateDelivery({ kind, region: "seoul" }, "seoul", after)).toEqual({
        kind: "next_day",
        minDays: 1,
        maxDays: 1,
      });
    }
  });
  it("a hub elsewhere: 1–2 days, whatever the hour", () => {
    expect(estimateDelivery({ kind: "dealer_hub", region: "busan" }, "seoul", before)).toEqual({
      kind: "days",
      minDays: 1,
      maxDays: 2,
    });
  });
  it("a logistics center: 1–3 days, even in the customer's region", () => {
    expect(estimateDelivery({ kind: "logistics_center", region: "gyeonggi" }, "gyeonggi", before)).toEqual({
      kind: "days",
      minDays: 1,
      maxDays: 3,
    });
  });
  it("a seller's warehouse: 2–3 days", () => {
    expect(estimateDelivery({ kind: "seller_warehouse", region: "gyeonggi" }, "gyeonggi", before)).toEqual({
      kind: "days",
      minDays: 2,
      maxDays: 3,
    });
  });
  it("midnight in Seoul is the start of a new same-day window", () => {
    expect(
      estimateDelivery({ kind: "org_hub", region: "seoul" }, "seoul", new Date("2026-03-02T15:00:00Z")).kind,
    ).toBe("same_day");
    expect(
      estimateDelivery({ kind: "org_hub", region: "seoul" }, "seoul", new Date("2026-03-02T14:59:00Z")).kind,
    ).toBe("next_day");
  });
});

describe("compareEta", () => {
  it("ranks by the latest day, then the earliest", () => {
    const same = { kind: "same_day", minDays: 0, maxDays: 0 } as const;
    const hub = { kind: "days", minDays: 1, maxDays: 2 } as const;
    const center = { kind: "days", minDays: 1, maxDays: 3 } as const;
    expect([center, hub, same].sort(compareEta)).toEqual([same, hub, center]);
  });
});
