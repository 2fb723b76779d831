import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { cache } from "react";
import { getDb } from "@/db/client";
import { ImageUploader } from "@/components/catalog/image-uploader";
import { OptionsEditor } from "@/components/catalog/options-editor";
import { ProductBasicsForm } from "@/components/catalog/product-basics-form";
import { ProductPage } from "@/components/catalog/product-page";
import { VariantMatrix } from "@/components/catalog/variant-matrix";
import { WarehouseStock, type StockRow } from "@/components/inventory/warehouse-stock";
import { Card, SectionCard } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/guard";
import type { UserActor } from "@/lib/auth/actor";
import { isEditable, variantsEditable } from "@/lib/catalog/lifecycle";
import { sendBackNote, splitVariants } from "@/lib/catalog/product-view";
import { listProductImages } from "@/lib/catalog/image-queries";
import { getSellerProduct } from "@/lib/catalog/seller-product-queries";
import { locationStock } from "@/lib/inventory/queries";
import { ownLocationStock } from "@/lib/inventory/stock-summary";
import { orNotFound } from "@/lib/http/page";

type Props = { params: Promise<{ id: string }> };

/** The seller's own product (another seller's, or no such id: the 404 page), once per request. */
const load = cache((actor: UserActor, id: string) => orNotFound(getSellerProduct(getDb(), actor, id)));

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
  const [product, images, warehouses, t, tl, format, locale] = await Promise.all([
    load(actor, id),
    listProductImages(db, actor, id),
    ownLocationStock(db, actor),
    getTranslations("sellerCentre"),
    getTranslations("catalog.labels"),
    getLocale().then(formatFor),
    getLocale(),
  ]);
  const stocks = await Promise.all(warehouses.map((w) => locationStock(db, actor, w.id)));
  const { matrix, retired } = splitVariants(product);
  const note = sendBackNote(product);
  const draft = isEditable(product.status);
  const when = (at: string) => format.dateTime(at, "dateTime");
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
    <ProductPage
      side="seller"
      product={product}
      back={{ href: "/seller", label: t("list.title") }}
      name={name}
      subtitle={
        <>
          {locale === "en" ? product.nameKo : product.nameEn} ·{" "}
          {t("editor.meta", {
            brand: product.brand || "—",
            category: tl(`category.${product.category}`),
            type: tl(`type.${product.type}`),
          })}
        </>
      }
      actions={
        <Link
          href={`/products/${product.id}`}
          target="_blank"
          className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
        >
          {t("editor.preview")} <span aria-hidden="true">↗</span>
        </Link>
      }
      notice={
        note ? (
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
        ) : null
      }
      sideTitle={t("lifecycle.title")}
      sideHint={t(`lifecycle.hint.${product.status}`)}
      history={product.history.map((h) => ({ ...h, atText: when(h.at) }))}
    >
      <SectionCard id="basics" title={t("form.title")} description={draft ? undefined : t("form.locked")}>
        <ProductBasicsForm product={product} locked={!draft} />
      </SectionCard>

      <Card className="scroll-mt-24">
        <div id="images">
          <ImageUploader
            productId={product.id}
            images={images}
            disabled={product.status === "discontinued"}
          />
        </div>
      </Card>

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
    </ProductPage>
  );
}
