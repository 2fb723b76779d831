import type { locationKind, regions } from "@/db/schema";

export type LocationKind = (typeof locationKind.enumValues)[number];
export type RegionCode = (typeof regions)[number];

/** Orders placed before 14:00 in Seoul leave a hub in the customer's region the same day. */
export const SAME_DAY_CUTOFF_HOUR_KST = 14;

export type Eta = {
  /** same_day / next_day from a hub in the customer's region; otherwise a range of days. */
  kind: "same_day" | "next_day" | "days";
  minDays: number;
  maxDays: number;
};

/** The hour in Seoul (UTC+9 all year: Korea keeps no daylight saving time). */
function seoulHour(at: Date): number {
  return new Date(at.getTime() + 9 * 3600_000).getUTCHours();
}

/**
 * The one delivery-estimate rule of the shop:
 * - a hub (org or dealer) in the customer's region: same day if ordered before 14:00 KST, else next day;
 * - a hub elsewhere: 1–2 days;
 * - a logistics center: 1–3 days;
 * - a marketplace seller's warehouse: 2–3 days.
 */
export function estimateDelivery(
  source: { kind: LocationKind; region: string },
  customerRegion: string,
  orderedAt: Date,
): Eta {
  switch (source.kind) {
    case "org_hub":
    case "dealer_hub":
      if (source.region === customerRegion) {
        return seoulHour(orderedAt) < SAME_DAY_CUTOFF_HOUR_KST
          ? { kind: "same_day", minDays: 0, maxDays: 0 }
          : { kind: "next_day", minDays: 1, maxDays: 1 };
      }
      return { kind: "days", minDays: 1, maxDays: 2 };
    case "logistics_center":
      return { kind: "days", minDays: 1, maxDays: 3 };
    case "seller_warehouse":
      return { kind: "days", minDays: 2, maxDays: 3 };
  }
}

/** Negative when `a` arrives sooner: by the latest day, then by the earliest. */
export function compareEta(a: Eta, b: Eta): number {
  return a.maxDays - b.maxDays || a.minDays - b.minDays;
}
