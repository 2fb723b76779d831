import { like } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { variants } from "@/db/schema";
import { Conflict } from "@/lib/errors";

/** Another variant, of any seller, has this SKU: SKUs are unique shop-wide. 409 naming `sku`. */
export class SkuTaken extends Conflict {
  constructor(sku: string) {
    super("product.sku_taken", `Another item already has the SKU ${sku}.`, {
      sku,
      errors: { sku: "Another item already has this SKU." },
    });
  }
}

/** The unique index on variants.sku settles a race between two sellers: its violation is SkuTaken. */
export function isSkuViolation(error: unknown): boolean {
  for (
    let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === "23505" && (e.constraint_name ?? "").includes("sku")) return true;
  }
  return false;
}

/**
 * Unique SKUs for new variants from their stems: `STEM`, else `STEM-2`, `STEM-3`… (one query for
 * every SKU already starting with each stem; also unique among the new ones).
 */
export async function uniqueSkus(tx: Tx, stems: string[]): Promise<string[]> {
  const taken = new Set<string>();
  for (const stem of new Set(stems)) {
    const rows = await tx
      .select({ sku: variants.sku })
      .from(variants)
      .where(like(variants.sku, `${stem.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    rows.forEach((r) => taken.add(r.sku));
  }
  return stems.map((stem) => {
    let sku = stem;
    for (let n = 2; taken.has(sku); n++) sku = `${stem}-${n}`;
    taken.add(sku);
    return sku;
  });
}
