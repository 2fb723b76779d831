/**
 * The variant matrix, pure: from option groups with ordered values to every combination of them, and
 * how a change of options maps onto the variants a product already has. No I/O; the verb
 * (set-options.ts) writes the plan.
 */

export type OptionValueInput = { valueKo: string; valueEn: string };
export type OptionGroupInput = { nameKo: string; nameEn: string; values: OptionValueInput[] };
export type ExistingGroup = {
  id: string;
  nameKo: string;
  nameEn: string;
  values: ({ id: string } & OptionValueInput)[];
};
export type ExistingVariant = {
  id: string;
  optionValueIds: string[];
  /** stocked or ordered, ever */ used: boolean;
};

export type PlannedGroup = {
  /** The group's id when an existing group is kept (matched by name), else null: insert it. */
  id: string | null;
  nameKo: string;
  nameEn: string;
  values: ({ id: string | null } & OptionValueInput)[];
};
export type PlannedCombination = {
  /** For each group, the index of its value in `groups[g].values`. */
  valueIndexes: number[];
  /** The variant that already is this combination (it keeps its id, SKU and price), else null. */
  variantId: string | null;
};
export type MatrixPlan = {
  groups: PlannedGroup[];
  combinations: PlannedCombination[];
  /** Variants whose combination is gone but that were stocked or ordered: kept, made inactive. */
  retire: string[];
  /** Variants whose combination is gone and that nothing refers to: deleted. */
  remove: string[];
};

/** Every combination of one item from each list, in order: [[a,b],[x]] → [a,x], [b,x]. No lists: one empty one. */
export function combinations<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

const key = (s: string) => s.trim().toLocaleLowerCase("en");
const sameName = (a: { nameKo: string; nameEn: string }, b: { nameKo: string; nameEn: string }) =>
  key(a.nameKo) === key(b.nameKo) || key(a.nameEn) === key(b.nameEn);
const sameValue = (a: OptionValueInput, b: OptionValueInput) =>
  key(a.valueKo) === key(b.valueKo) || key(a.valueEn) === key(b.valueEn);

/**
 * Plans new options over existing ones. A group is the same group when its Korean or English name is
 * the same (so renaming one language keeps it), and a value likewise within its group. A variant
 * survives when each of its values survives and it has one value per new group.
 */
export function planMatrix(
  input: readonly OptionGroupInput[],
  existing: readonly ExistingGroup[],
  variants: readonly ExistingVariant[],
): MatrixPlan {
  const taken = new Set<string>();
  const groups: PlannedGroup[] = input.map((g) => {
    const old = existing.find((e) => !taken.has(e.id) && sameName(e, g));
    if (old) taken.add(old.id);
    const usedValues = new Set<string>();
    return {
      id: old?.id ?? null,
      nameKo: g.nameKo.trim(),
      nameEn: g.nameEn.trim(),
      values: g.values.map((v) => {
        const match = old?.values.find((ov) => !usedValues.has(ov.id) && sameValue(ov, v));
        if (match) usedValues.add(match.id);
        return { id: match?.id ?? null, valueKo: v.valueKo.trim(), valueEn: v.valueEn.trim() };
      }),
    };
  });

  // A surviving variant is found by the sorted ids of its values.
  const comboKey = (ids: readonly string[]) => [...ids].sort().join(" ");
  const byCombo = new Map(variants.map((v) => [comboKey(v.optionValueIds), v]));
  const kept = new Set<string>();
  const combos = combinations(groups.map((g) => g.values.map((_, i) => i))).map((valueIndexes) => {
    const ids = valueIndexes.map((vi, gi) => groups[gi]!.values[vi]!.id);
    const variant = ids.every((id): id is string => id !== null) ? byCombo.get(comboKey(ids)) : undefined;
    if (variant) kept.add(variant.id);
    return { valueIndexes, variantId: variant?.id ?? null };
  });
  const gone = variants.filter((v) => !kept.has(v.id));
  return {
    groups,
    combinations: combos,
    retire: gone.filter((v) => v.used).map((v) => v.id),
    remove: gone.filter((v) => !v.used).map((v) => v.id),
  };
}

/** A readable, upper-case SKU stem: the product's English name and each value ("GALAXY-S25-BLK-256"). */
export function skuStem(productNameEn: string, values: readonly OptionValueInput[]): string {
  const part = (s: string, max: number) =>
    s
      .normalize("NFKD")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, max)
      .replace(/-+$/, "");
  const stem = [
    part(productNameEn, 16) || "ITEM",
    ...values.map((v) => part(v.valueEn, 6) || part(v.valueKo, 6)).filter(Boolean),
  ].join("-");
  return stem.slice(0, 48);
}
