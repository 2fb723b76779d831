import type { regions } from "@/db/schema";

type Region = (typeof regions)[number];

/** Which logistics center (by its region) serves a hub's region: the capital area from Icheon, and so on. */
const CENTER_REGION: Record<Region, Region> = {
  seoul: "gyeonggi",
  gyeonggi: "gyeonggi",
  incheon: "gyeonggi",
  gangwon: "gyeonggi",
  chungcheong: "daejeon",
  daejeon: "daejeon",
  jeolla: "gwangju",
  gwangju: "gwangju",
  jeju: "gwangju",
  gyeongsang: "daegu",
  daegu: "daegu",
  busan: "busan",
  ulsan: "busan",
};

/** The center serving `region` among `centers`, or the first one when none is in the mapped region. */
export function centerFor<C extends { region: string }>(region: string, centers: C[]): C | undefined {
  const wanted = CENTER_REGION[region as Region];
  return centers.find((c) => c.region === wanted) ?? centers[0];
}

/**
 * What a replenishment asks for: every variant whose available is below its reorder point, topped back
 * up to the reorder point (a transfer line carries 1–1,000).
 */
export function replenishmentLines(
  rows: { variantId: string; available: number; reorderPoint: number | null }[],
) {
  return rows
    .filter((r) => r.reorderPoint !== null && r.available < r.reorderPoint)
    .map((r) => ({ variantId: r.variantId, quantity: Math.min(1000, r.reorderPoint! - r.available) }));
}
