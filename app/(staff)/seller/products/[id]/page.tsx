import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { LifecycleBar } from "@/components/catalog/lifecycle-bar";
import { OptionsEditor } from "@/components/catalog/options-editor";
import { ProductBasicsForm } from "@/components/catalog/product-basics-form";
import { LifecycleTrack, ProductHistory } from "@/components/catalog/product-history";
import { ProductStatusBadge } from "@/components/catalog/product-status-badge";
import { VariantMatrix } from "@/components/catalog/variant-matrix";
import { WarehouseStock, type StockRow } from "@/components/inventory/warehouse-stock";
import { Card, SectionCard } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import type { UserActor } from "@/lib/auth/actor";
import { allowedProductEvents, isEditable, variantsEditable } from "@/lib/catalog/lifecycle";
import { sendBackNote, splitVariants } from "@/lib/catalog/product-view";
import { getSellerProduct } from "@/lib/catalog/seller-product-queries";
import { NotFound } from "@/lib/errors";
import { locationStock } from "@/lib/inventory/queries";
import { ownLocationStock } from "@/lib/inventory/stock-summary";
import { ORDER_TIME } from "@/lib/orders/format";

type Props = { params: Promise<{ id: string }> };

/** The seller's own product (another seller's, or no such id: the 404 page), once per request. */
const load = cache(async (actor: UserActor, id: string) => {
  try {
    return await getSellerProduct(getDb(), actor, id);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageRole(["seller"], `/seller/products/${id}`);
  const [product, locale] = await Promise.all([load(actor, id), getLocale()]);
  return { title: locale === "en" ? product.nameEn : product.nameKo };
}

/** The product editor: basics, images, options, the variant matrix, warehouse stock, and its lifecycle. */
export default async function ProductEditorPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageRole(["seller"], `/seller/products/${id}`);
  const db = getDb();
  const [product, warehouses, t, tl, format, locale] = await Promise.all([
    load(actor, id),
    ownLocationStock(db, actor),
    getTranslations("sellerCentre"),
    getTranslations("catalog.labels"),
    getFormatter(),
    getLocale(),
  ]);
  const stocks = await Promise.all(warehouses.map((w) => locationStock(db, actor, w.id)));
  const { matrix, retired } = splitVariants(product);
  const note = sendBackNote(product);
  const draft = isEditable(product.status);
  const when = (at: string) => format.dateTime(new Date(at), ORDER_TIME);
  const name = locale === "en" ? product.nameEn : product.nameKo;
  const variantName = (v: (typeof product.variants)[number]) =>
    (locale === "en" ? v.labelEn : v.labelKo) || t("variants.single");
  const stockRows: StockRow[][] = stocks.map((rows) => {
    const at = new Map(rows.map((r) => [r.variantId, r]));
    return [...matrix, ...retired].map((v) => ({
      variantId: v.id,
      name: variantName(v),
      sku: v.sku,
      retired: retired.includes(v),
      onHand: at.get(v.id)?.onHand ?? 0,
      reserved: at.get(v.id)?.reserved ?? 0,
      available: at.get(v.id)?.available ?? 0,
    }));
  });
  const priced = matrix.filter((v) => v.active && v.price !== null).length;

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("editor.breadcrumb")} className="text-sm text-slate-500">
        <Link href="/seller" className="hover:text-ink hover:underline">
          {t("list.title")}
        </Link>
        <span aria-hidden="true"> › </span>
        <span className="font-medium text-slate-700">{name}</span>
      </nav>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold tracking-tight text-ink">{name}</h1>
            <ProductStatusBadge status={product.status} size="md" />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {locale === "en" ? product.nameKo : product.nameEn} ·{" "}
            {t("editor.meta", {
              brand: product.brand || "—",
              category: tl(`category.${product.category}`),
              type: tl(`type.${product.type}`),
            })}
          </p>
        </div>
        <Link
          href={`/products/${product.id}`}
          target="_blank"
          className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
        >
          {t("editor.preview")} <span aria-hidden="true">↗</span>
        </Link>
      </header>

      {note ? (
        <div
          role="alert"
          className="rounded-2xl border border-amber-300 bg-amber-50 px-5 py-4 text-amber-950"
          data-testid="send-back-note"
        >
          <p className="font-bold">{t("editor.sentBackTitle")}</p>
          <p className="mt-2 whitespace-pre-line rounded-lg bg-white/70 px-4 py-3 text-base font-medium ring-1 ring-amber-200">
            {note.reason}
          </p>
          <p className="mt-2 text-xs text-amber-800">
            {t("editor.sentBackBy", { who: note.actorName ?? t("history.system"), when: when(note.at) })} ·{" "}
            {t("editor.sentBackHint")}
          </p>
        </div>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <SectionCard id="basics" title={t("form.title")} description={draft ? undefined : t("form.locked")}>
            <ProductBasicsForm product={product} locked={!draft} />
          </SectionCard>

          <SectionCard id="images" title={t("editor.images")}>
            {/* Image uploader slot: <ImageUploader productId={product.id} images={…} /> (components/catalog/image-uploader.tsx) goes here. */}
            <div
              className="grid place-items-center rounded-xl border-2 border-dashed border-slate-200 px-4 py-8 text-sm text-slate-500"
              data-testid="image-slot"
            >
              {t("editor.imagesSlot")}
            </div>
          </SectionCard>

          <SectionCard id="options" title={t("options.title")} description={t("options.help")}>
            <OptionsEditor
              productId={product.id}
              locked={!draft}
              options={product.options.map((g) => ({
                nameKo: g.nameKo,
                nameEn: g.nameEn,
                values: g.values.map((v) => ({ valueKo: v.valueKo, valueEn: v.valueEn })),
              }))}
            />
          </SectionCard>

          <SectionCard
            id="variants"
            title={t("variants.title")}
            description={variantsEditable(product.status) ? t("variants.help") : t("variants.locked")}
            actions={
              <span className="text-sm text-slate-500">
                {t("variants.summary", { count: matrix.length, priced })}
              </span>
            }
          >
            <VariantMatrix
              productId={product.id}
              matrix={matrix}
              retired={retired}
              locked={!variantsEditable(product.status)}
            />
          </SectionCard>

          <SectionCard id="stock" title={t("stock.title")} description={t("stock.help")}>
            {product.type === "reservation" ? (
              <p className="text-sm text-slate-500">{t("stock.reservation")}</p>
            ) : warehouses.length === 0 ? (
              <p className="text-sm text-slate-500">{t("stock.none")}</p>
            ) : product.variants.length === 0 ? (
              <p className="text-sm text-slate-500">{t("stock.noVariants")}</p>
            ) : (
              <div className="flex flex-col gap-6">
                {warehouses.map((w, i) => (
                  <WarehouseStock
                    key={w.id}
                    locationId={w.id}
                    warehouseName={locale === "en" ? w.nameEn : w.name}
                    rows={stockRows[i]!}
                  />
                ))}
              </div>
            )}
          </SectionCard>
        </div>

        <aside className="flex flex-col gap-6 lg:sticky lg:top-20">
          <Card className="flex flex-col gap-4">
            <h2 className="text-base font-bold text-ink">{t("lifecycle.title")}</h2>
            <LifecycleTrack status={product.status} />
            <p className="text-sm text-slate-600">{t(`lifecycle.hint.${product.status}`)}</p>
          </Card>
          <Card>
            <h2 className="mb-4 text-base font-bold text-ink">{t("history.title")}</h2>
            <ProductHistory history={product.history.map((h) => ({ ...h, atText: when(h.at) }))} />
          </Card>
        </aside>
      </div>

      {/* Keyed by the last change: a refusal shown for an earlier state goes once the product changes. */}
      <LifecycleBar
        key={product.updatedAt}
        productId={product.id}
        status={product.status}
        events={allowedProductEvents(product.status, "seller")}
        side="seller"
      />
    </div>
  );
}
