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
    <Link
      href={`/products/${product.id}`}
      className="group flex flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm transition hover:-translate-y-0.5 hover:border-brand-100 hover:shadow-md focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500"
      data-testid="product-card"
    >
      <div className="relative">
        <ProductVisual
          category={product.category}
          brand={product.brand}
          nameEn={product.nameEn}
          tint={colors[0] ? swatchColor(colors[0].valueEn) : undefined}
          image={product.images[0]}
          alt={name}
          className="aspect-[4/3] transition group-hover:brightness-[1.02]"
        />
        <div className="absolute left-3 top-3 flex flex-wrap gap-1.5">
          {reservation ? (
            <span className="rounded-full bg-violet-600 px-2.5 py-1 text-[11px] font-bold text-white shadow-sm">
              {product.category === "service" ? t("service") : t("reservation")}
            </span>
          ) : null}
          {sellerName ? (
            <span className="rounded-full bg-white/90 px-2.5 py-1 text-[11px] font-semibold text-slate-700 shadow-sm ring-1 ring-slate-200">
              {t("marketplace")}
            </span>
          ) : null}
        </div>
      </div>
      <div className="flex flex-1 flex-col gap-1 p-4">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {product.brand}
          <span className="font-normal normal-case tracking-normal text-slate-400">
            {" "}
            · {tl(`category.${product.category}`)}
          </span>
        </p>
        <h3 className="text-base font-bold leading-snug text-ink group-hover:text-brand-700">{name}</h3>
        {sellerName ? <p className="text-xs text-slate-500">{sellerName}</p> : null}
        {colors.length > 0 ? (
          <div
            className="mt-1 flex items-center gap-1.5"
            title={colors.map((c) => (locale === "en" ? c.valueEn : c.valueKo)).join(", ")}
          >
            <span className="flex -space-x-1">
              {colors.slice(0, 4).map((c) => (
                <span
                  key={c.id}
                  className="h-3.5 w-3.5 rounded-full ring-2 ring-white"
                  style={{
                    backgroundColor: swatchColor(c.valueEn),
                    boxShadow: "inset 0 0 0 1px rgba(0,0,0,0.15)",
                  }}
                />
              ))}
            </span>
            <span className="text-xs text-slate-500">{t("colors", { count: colors.length })}</span>
          </div>
        ) : (
          <p className="mt-1 text-xs text-slate-500">{t("options", { count: product.variants.length })}</p>
        )}
        <p className="mt-auto pt-3 text-lg font-extrabold tracking-tight text-ink">
          {t("from", { price: format.krw(product.priceFrom) })}
        </p>
      </div>
    </Link>
  );
}
