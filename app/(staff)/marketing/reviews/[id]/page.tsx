import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { cache } from "react";
import { getDb } from "@/db/client";
import { ProductPage } from "@/components/catalog/product-page";
import { ReviewChanges } from "@/components/catalog/review-changes";
import { ReviewVariantsTable } from "@/components/catalog/review-variants-table";
import { SectionCard } from "@/components/ui/card";
import type { UserActor } from "@/lib/auth/actor";
import { requirePageRole } from "@/lib/auth/guard";
import { splitVariants } from "@/lib/catalog/product-view";
import { diffSnapshots } from "@/lib/catalog/review-diff";
import { listProductImages } from "@/lib/catalog/image-queries";
import { imageUrl } from "@/lib/catalog/image-urls";
import { reviewOf } from "@/lib/catalog/seller-product-queries";
import { orNotFound } from "@/lib/http/page";

type Props = { params: Promise<{ id: string }> };

const load = cache((actor: UserActor, id: string) => orNotFound(reviewOf(getDb(), actor, id)));

export async function generateMetadata({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageRole(["marketing"], `/marketing/reviews/${id}`);
  const [{ product }, locale] = await Promise.all([load(actor, id), getLocale()]);
  return { title: locale === "en" ? product.nameEn : product.nameKo };
}

/** One product under review: what changed since the last review, what it contains, its history; approve or send back. */
export default async function ReviewPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageRole(["marketing"], `/marketing/reviews/${id}`);
  const [{ product, current, previous }, images, t, tc, tl, format, locale] = await Promise.all([
    load(actor, id),
    listProductImages(getDb(), actor, id),
    getTranslations("productReview"),
    getTranslations("sellerCentre"),
    getTranslations("catalog.labels"),
    getLocale().then(formatFor),
    getLocale(),
  ]);
  const when = (at: string) => format.dateTime(at, "dateTime");
  const name = locale === "en" ? product.nameEn : product.nameKo;
  const submitted = product.history.findLast((h) => h.to === "in_review");
  const { matrix, retired } = splitVariants(product);
  const inReview = product.status === "in_review";
  const facts: [string, React.ReactNode][] = [
    [t("field.nameKo"), product.nameKo],
    [t("field.nameEn"), product.nameEn],
    [t("field.brand"), product.brand || "—"],
    [t("field.category"), tl(`category.${product.category}`)],
    [t("field.type"), tl(`type.${product.type}`)],
    [t("seller"), locale === "en" ? product.sellerNameEn : product.sellerName],
  ];

  return (
    <ProductPage
      side="marketing"
      product={product}
      back={{ href: "/marketing/reviews", label: t("back") }}
      name={name}
      subtitle={
        <>
          {locale === "en" ? product.sellerNameEn : product.sellerName}
          {submitted ? ` · ${t("submittedAt", { when: when(submitted.at) })}` : null}
        </>
      }
      notice={
        inReview ? null : (
          <p role="status" className="rounded-xl bg-slate-100 px-4 py-3 text-sm text-slate-700">
            {t("notInReview", { status: tl(`status.${product.status}`) })}
          </p>
        )
      }
      sideTitle={t("decision")}
      sideHint={inReview ? t("decisionHint") : t(`hint.${product.status}`)}
      history={product.history.map((h) => ({ ...h, atText: when(h.at) }))}
    >
      <SectionCard
        id="changes"
        title={t("changes")}
        className={inReview && previous ? "ring-2 ring-amber-200" : ""}
      >
        <ReviewChanges
          diff={diffSnapshots(previous, current)}
          labels={Object.fromEntries(
            product.variants.map((v) => [
              v.labelEn,
              (locale === "en" ? v.labelEn : v.labelKo) || tc("variants.single"),
            ]),
          )}
        />
      </SectionCard>

      <SectionCard id="content" title={t("content")}>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{k}</dt>
              <dd className="mt-0.5 text-sm text-ink">{v}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-5 grid gap-4 sm:grid-cols-2">
          {(["descriptionKo", "descriptionEn"] as const).map((f) => (
            <div key={f}>
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {t(`field.${f}`)}
              </p>
              <p className="mt-1 whitespace-pre-line rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
                {product[f] || <span className="text-slate-400">{t("noDescription")}</span>}
              </p>
            </div>
          ))}
        </div>
      </SectionCard>

      <SectionCard id="images" title={tc("editor.images")}>
        {images.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noImages")}</p>
        ) : (
          <ul className="flex flex-wrap gap-3" data-testid="review-images">
            {images.map((img, i) => (
              <li key={img.id} className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- served already sized and cached by /api/images */}
                <img
                  src={imageUrl(img.id, 320)}
                  alt={`${name} ${i + 1}`}
                  width={160}
                  height={160}
                  className="h-40 w-40 rounded-xl border border-slate-200 bg-slate-50 object-contain"
                />
                {i === 0 ? (
                  <span className="absolute left-2 top-2 rounded bg-ink/80 px-1.5 py-0.5 text-[11px] font-semibold text-white">
                    {t("mainImage")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </SectionCard>

      <SectionCard id="options" title={t("options")}>
        {product.options.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noOptions")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {product.options.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center gap-2">
                <span className="w-32 shrink-0 text-sm font-semibold text-slate-700">
                  {locale === "en" ? g.nameEn : g.nameKo}
                </span>
                {g.values.map((v) => (
                  <span
                    key={v.id}
                    className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700"
                  >
                    {locale === "en" ? v.valueEn : v.valueKo}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </SectionCard>

      <SectionCard id="variants" title={t("variants")}>
        <ReviewVariantsTable
          rows={[
            ...matrix.map((v) => ({ ...v, retired: false })),
            ...retired.map((v) => ({ ...v, retired: true })),
          ]}
        />
      </SectionCard>
    </ProductPage>
  );
}
