import type { ProductSnapshot } from "./product-detail";

/**
 * What changed in a product between two reviews, pure: marketing compares what the seller sends now
 * with what it sent last time. Variants are matched by their combination (label), not by SKU, so a
 * renamed SKU is a change of that variant; option groups are matched by their English name.
 */

export const SNAPSHOT_FIELDS = [
  "nameKo",
  "nameEn",
  "brand",
  "category",
  "type",
  "descriptionKo",
  "descriptionEn",
] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];
type Variant = ProductSnapshot["variants"][number];
type Group = ProductSnapshot["options"][number];

export type FieldChange = { field: SnapshotField; before: string; after: string };
export type OptionChange =
  | { kind: "added"; group: Group }
  | { kind: "removed"; group: Group }
  | {
      kind: "changed";
      before: Group;
      after: Group;
      addedValues: string[];
      removedValues: string[];
      reordered: boolean;
    };
export type VariantChange =
  | { kind: "added"; variant: Variant }
  | { kind: "removed"; variant: Variant }
  | { kind: "changed"; before: Variant; after: Variant; changed: ("sku" | "price" | "active")[] };

export type ProductDiff = {
  fields: FieldChange[];
  options: OptionChange[];
  variants: VariantChange[];
  unchanged: boolean;
};

const groupKey = (g: Group) => g.nameEn.trim().toLocaleLowerCase("en");

function diffOptions(before: Group[], after: Group[]): OptionChange[] {
  const out: OptionChange[] = [];
  const old = new Map(before.map((g) => [groupKey(g), g]));
  for (const g of after) {
    const prior = old.get(groupKey(g));
    old.delete(groupKey(g));
    if (!prior) {
      out.push({ kind: "added", group: g });
      continue;
    }
    const addedValues = g.values.filter((v) => !prior.values.includes(v));
    const removedValues = prior.values.filter((v) => !g.values.includes(v));
    const kept = g.values.filter((v) => prior.values.includes(v));
    const reordered = kept.join("\n") !== prior.values.filter((v) => g.values.includes(v)).join("\n");
    if (addedValues.length || removedValues.length || reordered || prior.nameKo !== g.nameKo) {
      out.push({ kind: "changed", before: prior, after: g, addedValues, removedValues, reordered });
    }
  }
  for (const g of old.values()) out.push({ kind: "removed", group: g });
  return out;
}

function diffVariants(before: Variant[], after: Variant[]): VariantChange[] {
  const out: VariantChange[] = [];
  const old = new Map(before.map((v) => [v.label, v]));
  for (const v of after) {
    const prior = old.get(v.label);
    old.delete(v.label);
    if (!prior) {
      out.push({ kind: "added", variant: v });
      continue;
    }
    const changed = (["sku", "price", "active"] as const).filter((k) => prior[k] !== v[k]);
    if (changed.length) out.push({ kind: "changed", before: prior, after: v, changed });
  }
  for (const v of old.values()) out.push({ kind: "removed", variant: v });
  return out;
}

/** The changes from `previous` to `current`; null when there is no previous review to compare with. */
export function diffSnapshots(
  previous: ProductSnapshot | null,
  current: ProductSnapshot,
): ProductDiff | null {
  if (!previous) return null;
  const fields = SNAPSHOT_FIELDS.filter((f) => (previous[f] ?? "") !== (current[f] ?? "")).map((field) => ({
    field,
    before: previous[field] ?? "",
    after: current[field] ?? "",
  }));
  const options = diffOptions(previous.options, current.options);
  const variants = diffVariants(previous.variants, current.variants);
  return { fields, options, variants, unchanged: fields.length + options.length + variants.length === 0 };
}
