import { compareEta, estimateDelivery, type Eta, type LocationKind } from "./eta";

/** A place the retailer's own items can ship from, with what it holds of each line. */
export type SourceCandidate = {
  locationId: string;
  code: string;
  kind: LocationKind;
  region: string;
  name: string;
  nameEn: string;
  lines: { variantId: string; requested: number; available: number }[];
};

export type SourceOption = SourceCandidate & {
  eta: Eta;
  canFill: boolean;
  /** The lines it cannot fill, for the "why not" next to a disabled choice. */
  short: { variantId: string; requested: number; available: number }[];
  totalAvailable: number;
};

const KIND_ORDER: Record<LocationKind, number> = {
  dealer_hub: 0,
  org_hub: 1,
  logistics_center: 2,
  seller_warehouse: 3,
};

/** Every candidate with its estimate and whether it can fill the whole order, fastest first. */
export function evaluateSources(
  candidates: SourceCandidate[],
  customerRegion: string,
  now: Date,
): SourceOption[] {
  return candidates
    .map((c) => {
      const short = c.lines.filter((l) => l.available < l.requested);
      return {
        ...c,
        eta: estimateDelivery(c, customerRegion, now),
        canFill: short.length === 0 && c.lines.length > 0,
        short,
        totalAvailable: c.lines.reduce((s, l) => s + Math.max(0, l.available), 0),
      };
    })
    .sort(
      (a, b) =>
        compareEta(a.eta, b.eta) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        b.totalAvailable - a.totalAvailable ||
        a.code.localeCompare(b.code),
    );
}

/**
 * The suggestion: the fastest source that can fill every line; among equally fast ones, the one with the
 * most available (so the next customer is least likely to find it short). Null when none can.
 */
export function suggestSource(options: SourceOption[]): SourceOption | null {
  const fillable = options.filter((o) => o.canFill);
  if (fillable.length === 0) return null;
  return fillable.reduce((best, o) => {
    const c = compareEta(o.eta, best.eta);
    if (c < 0) return o;
    if (c === 0 && o.totalAvailable > best.totalAvailable) return o;
    return best;
  });
}
