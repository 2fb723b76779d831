import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import type { ProductSummary } from "@/lib/catalog/schemas";
import { swatchColor } from "@/lib/catalog/swatches";
import { ProductVisual } from "./product-visual";

/** One product in the shop grid: picture, brand, name, "from" price, colours, and how it is sold. */
export function ProductCard({ product, sellerName }: { product: ProductSummary; sellerName?: string }) {
  const t = useTranslations("catalog.card");
  const tl = useTranslations("catalog.labels");
  const format = useFormat();
  const locale = useLocale();
  const name = locale === "en" ? product.nameEn : product.nameKo;
  const colors = product.optionGroups.find((g) => g.code === "color")?.values ?? [];
  const reservation = product.type === "reservation";
  return (
    <Link href={`/products/${product.id}`} className="pc" data-testid="product-card">
      <div className="relative">
        <ProductVisual
          category={product.category}
          brand={product.brand}
          nameEn={product.nameEn}
          tint={colors[0] ? swatchColor(colors[0].valueEn) : undefined}
          image={product.images[0]}
          alt={name}
          className="aspect-[4/3]"
        />
        <div className="pc-badges">
          {reservation ? (
            <span className="pc-badge bg-violet-600 font-bold text-white">
              {product.category === "service" ? t("service") : t("reservation")}
            </span>
          ) : null}
          {sellerName ? (
            <span className="pc-badge bg-white/90 font-semibold text-slate-700 ring-1 ring-slate-200">
              {t("marketplace")}
            </span>
          ) : null}
        </div>
      </div>
      <div className="pc-body">
        <p className="pc-brand">
          {product.brand}
          <span className="pc-category"> · {tl(`category.${product.category}`)}</span>
        </p>
        <h3 className="pc-name">{name}</h3>
        {sellerName ? <p className="pc-note">{sellerName}</p> : null}
        {colors.length > 0 ? (
          <div
            className="pc-colors"
            title={colors.map((c) => (locale === "en" ? c.valueEn : c.valueKo)).join(", ")}
          >
            <span className="pc-swatches">
              {colors.slice(0, 4).map((c, i) => (
                <span key={i} className="pc-swatch" style={{ backgroundColor: swatchColor(c.valueEn) }} />
              ))}
            </span>
            <span className="pc-note">{t("colors", { count: colors.length })}</span>
          </div>
        ) : (
          <p className="pc-note mt-1">{t("options", { count: product.variants.length })}</p>
        )}
        <p className="pc-price">{t("from", { price: format.krw(product.priceFrom) })}</p>
      </div>
    </Link>
  );
}
