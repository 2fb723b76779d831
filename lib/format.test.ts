import { describe, expect, it } from "vitest";
import { formatFor, seoulDayKey } from "./format";

// 2026-11-25 12:07 UTC is 21:07 in Seoul; 2026-11-25 20:30 UTC is already the 26th there.
const EVENING = "2026-11-25T12:07:00Z";
const PAST_MIDNIGHT = "2026-11-25T20:30:00Z";

describe("lib/format", () => {
  it("writes moments in Seoul on a 24-hour clock, in both languages", () => {
    const ko = formatFor("ko");
    const en = formatFor("en");
    expect(ko.dateTime(EVENING, "dateTime")).toBe("2026. 11. 25. 21:07");
    expect(en.dateTime(EVENING, "dateTime")).toBe("Nov 25, 2026, 21:07");
    expect(ko.dateTime(EVENING, "time")).toBe("21:07");
    expect(en.dateTime(new Date(PAST_MIDNIGHT), "time")).toBe("05:30");
    expect(ko.dateTime(PAST_MIDNIGHT, "date")).toBe("2026. 11. 26.");
    expect(ko.dateTime(EVENING, "day")).toBe("11월 25일 (수)");
    expect(en.dateTime(EVENING, "longDay")).toBe("Wed, November 25");
    // No day period anywhere: Node's and Chromium's ICU name it differently in Korean (PM / 오후).
    for (const style of ["dateTime", "time"] as const)
      for (const f of [ko, en]) expect(f.dateTime(EVENING, style)).not.toMatch(/AM|PM|오전|오후/);
  });

  it("writes won and counts with grouping, and falls back to Korean for an unknown language", () => {
    expect(formatFor("ko").krw(1_698_400)).toBe("₩1,698,400");
    expect(formatFor("en").krw(1_290_000)).toBe("₩1,290,000");
    expect(formatFor("en").number(12_345)).toBe("12,345");
    expect(formatFor("fr").locale).toBe("ko");
    expect(formatFor("fr").dateTime(EVENING, "day")).toBe("11월 25일 (수)");
  });

  it("keys a moment by its calendar day in Seoul", () => {
    expect(seoulDayKey(EVENING)).toBe("2026-11-25");
    expect(seoulDayKey(PAST_MIDNIGHT)).toBe("2026-11-26");
    expect(seoulDayKey(Date.parse("2026-01-04T15:00:00Z"))).toBe("2026-01-05");
  });
});
