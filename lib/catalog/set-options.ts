import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { optionGroups, optionValues, variantOptionValues, variants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { loadOwnDraft } from "./product-access";
import { productDetail, type SellerProductDetail } from "./product-detail";
import { touchProduct } from "./product-history";
import { SetOptionsInput } from "./product-schemas";
import { isSkuViolation, SkuTaken, uniqueSkus } from "./sku";
import { planMatrix, skuStem, type ExistingGroup } from "./variant-matrix";

/** A stable machine name for a group (`color`, `storage`), unique within the product. */
function groupCode(nameEn: string, taken: Set<string>): string {
  const base =
    nameEn
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "option";
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  taken.add(code);
  return code;
}

/**
 * Replaces a draft's option groups and regenerates its variant matrix (every combination). Variants of
 * combinations that remain keep their id, SKU, price and switch; a gone variant that was ever stocked,
 * ordered, reserved or put in a cart is retired (inactive) with its history, the others are deleted.
 * Values a retired variant still names are archived, not deleted.
 */
export async function setProductOptions(
  tx: Tx,
  actor: Actor | null,
  rawId: unknown,
  raw: unknown,
): Promise<SellerProductDetail> {
  const { product, user } = await loadOwnDraft(tx, actor, rawId);
  const input = SetOptionsInput.parse(raw);

  const groupRows = await tx.select().from(optionGroups).where(eq(optionGroups.productId, product.id));
  const valueRows = groupRows.length
    ? await tx
        .select()
        .from(optionValues)
        .where(
          inArray(
            optionValues.groupId,
            groupRows.map((g) => g.id),
          ),
        )
    : [];
  const existing: ExistingGroup[] = groupRows.map((g) => ({
    ...g,
    values: valueRows.filter((v) => v.groupId === g.id),
  }));
  const variantRows = await tx
    .select({
      id: variants.id,
      // Written out: drizzle leaves a lone table's columns unqualified, which these subqueries would make ambiguous.
      valueIds: sql<
        string[]
      >`coalesce((select array_agg(vov.option_value_id::text) from variant_option_values vov where vov.variant_id = variants.id), '{}')`,
      used: sql<boolean>`exists (select 1 from stock_levels x where x.variant_id = variants.id)
        or exists (select 1 from stock_movements x where x.variant_id = variants.id)
        or exists (select 1 from order_items x where x.variant_id = variants.id)
        or exists (select 1 from reservables x where x.variant_id = variants.id)
        or exists (select 1 from cart_items x where x.variant_id = variants.id)`,
    })
    .from(variants)
    .where(eq(variants.productId, product.id));
  const plan = planMatrix(
    input.groups,
    existing,
    variantRows.map((v) => ({ id: v.id, optionValueIds: v.valueIds, used: v.used })),
  );

  // 1. Deleted variants go first (their value links with them), retired ones are switched off.
  if (plan.remove.length) await tx.delete(variants).where(inArray(variants.id, plan.remove));
  if (plan.retire.length)
    await tx.update(variants).set({ active: false }).where(inArray(variants.id, plan.retire));

  // 2. Groups and values: kept ones renamed and reordered, new ones inserted.
  const codes = new Set(groupRows.filter((g) => plan.groups.some((p) => p.id === g.id)).map((g) => g.code));
  const valueIds: string[][] = [];
  for (const [gi, g] of plan.groups.entries()) {
    let groupId = g.id;
    if (groupId) {
      await tx
        .update(optionGroups)
        .set({ nameKo: g.nameKo, nameEn: g.nameEn, position: gi, archived: false })
        .where(eq(optionGroups.id, groupId));
    } else {
      const [row] = await tx
        .insert(optionGroups)
        .values({
          productId: product.id,
          code: groupCode(g.nameEn, codes),
          nameKo: g.nameKo,
          nameEn: g.nameEn,
          position: gi,
        })
        .returning({ id: optionGroups.id });
      groupId = row!.id;
    }
    const ids: string[] = [];
    for (const [vi, v] of g.values.entries()) {
      if (v.id) {
        await tx
          .update(optionValues)
          .set({ valueKo: v.valueKo, valueEn: v.valueEn, position: vi, archived: false })
          .where(eq(optionValues.id, v.id));
        ids.push(v.id);
      } else {
        const [row] = await tx
          .insert(optionValues)
          .values({ groupId, valueKo: v.valueKo, valueEn: v.valueEn, position: vi })
          .returning({ id: optionValues.id });
        ids.push(row!.id);
      }
    }
    valueIds.push(ids);
  }

  // 3. Values and groups no longer offered: archived while a retired variant names them, else deleted.
  const keptValues = valueIds.flat();
  const named = new Set(
    (
      await tx
        .select({ id: variantOptionValues.optionValueId })
        .from(variantOptionValues)
        .innerJoin(variants, eq(variants.id, variantOptionValues.variantId))
        .where(eq(variants.productId, product.id))
    ).map((r) => r.id),
  );
  const goneValues = valueRows.filter((v) => !keptValues.includes(v.id));
  const archive = goneValues.filter((v) => named.has(v.id)).map((v) => v.id);
  const drop = goneValues.filter((v) => !named.has(v.id)).map((v) => v.id);
  if (archive.length)
    await tx.update(optionValues).set({ archived: true }).where(inArray(optionValues.id, archive));
  if (drop.length) await tx.delete(optionValues).where(inArray(optionValues.id, drop));
  const keptGroups = plan.groups.map((g) => g.id).filter((id): id is string => id !== null);
  const goneGroups = groupRows.filter((g) => !keptGroups.includes(g.id)).map((g) => g.id);
  if (goneGroups.length) {
    await tx.update(optionGroups).set({ archived: true }).where(inArray(optionGroups.id, goneGroups));
    await tx
      .delete(optionGroups)
      .where(
        and(
          inArray(optionGroups.id, goneGroups),
          notInArray(optionGroups.id, tx.select({ id: optionValues.groupId }).from(optionValues)),
        ),
      );
  }

  // 4. New combinations become variants with generated SKUs and no price yet.
  const fresh = plan.combinations.filter((c) => c.variantId === null);
  if (fresh.length) {
    const skus = await uniqueSkus(
      tx,
      fresh.map((c) =>
        skuStem(
          product.nameEn,
          c.valueIndexes.map((vi, gi) => plan.groups[gi]!.values[vi]!),
        ),
      ),
    );
    try {
      const inserted = await tx
        .insert(variants)
        .values(skus.map((sku) => ({ productId: product.id, sku, price: null })))
        .returning({ id: variants.id });
      const links = fresh.flatMap((c, i) =>
        c.valueIndexes.map((vi, gi) => ({ variantId: inserted[i]!.id, optionValueId: valueIds[gi]![vi]! })),
      );
      if (links.length) await tx.insert(variantOptionValues).values(links);
    } catch (e) {
      if (isSkuViolation(e)) throw new SkuTaken(skus.join(", ")); // another seller took one a moment ago: try again
      throw e;
    }
  }
  await touchProduct(tx, product.id);
  await recordAudit(tx, user, {
    action: "product.set_options",
    targetType: "product",
    targetId: product.id,
    detail: {
      groups: input.groups.length,
      variantsAdded: fresh.length,
      variantsRetired: plan.retire.length,
      variantsRemoved: plan.remove.length,
    },
  });
  return productDetail(tx, { ...product });
}
