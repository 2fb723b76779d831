import { useTranslations } from "next-intl";
import type { ProductSummary } from "@/lib/catalog/schemas";
import { ProductGrid } from "./product-grid";

/** "Often bought together" under a product: what customers ordered with it. Nothing when nobody has. */
export function BoughtTogether({ products, marketplaceNames }: { products: ProductSummary[]; marketplaceNames: Map<string, string> }) {
  const t = useTranslations("catalog.product");
  if (products.length === 0) return null;
  return (
    <section aria-labelledby="bought-together-title" className="flex flex-col gap-4" data-testid="bought-together">
      <div>
        <h2 id="bought-together-title" className="text-lg font-bold text-ink">
          {t("boughtTogether")}
        </h2>
        <p className="text-sm text-slate-500">{t("boughtTogetherText")}</p>
      </div>
      <ProductGrid products={products} marketplaceNames={marketplaceNames} />
    </section>
  );
}
