import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import type { ProductSnapshot } from "@/lib/catalog/product-detail";
import type { ProductDiff } from "@/lib/catalog/review-diff";

type Variant = ProductSnapshot["variants"][number];

const chip = {
  added: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  removed: "bg-red-50 text-red-700 ring-red-200 line-through decoration-red-400",
  changed: "bg-amber-50 text-amber-900 ring-amber-200",
};
function Tag({ kind, children }: { kind: keyof typeof chip; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${chip[kind]}`}
    >
      {children}
    </span>
  );
}
function Before({ children }: { children: React.ReactNode }) {
  return (
    <span className="rounded bg-red-50 px-1.5 py-0.5 text-red-800 line-through decoration-red-300">
      {children}
    </span>
  );
}
function After({ children }: { children: React.ReactNode }) {
  return (
    <span className="rounded bg-emerald-50 px-1.5 py-0.5 font-semibold text-emerald-900">{children}</span>
  );
}

/**
 * What changed since the product's last review: fields with before and after, option groups and values
 * added or removed, variants added or removed, and each variant's SKU, price and switch changes.
 * Snapshots name a variant by its English combination; `labels` gives the reader's words for it.
 */
export function ReviewChanges({
  diff,
  labels = {},
}: {
  diff: ProductDiff | null;
  labels?: Record<string, string>;
}) {
  const t = useTranslations("productReview");
  const tl = useTranslations("catalog.labels");
  const format = useFormat();
  if (!diff)
    return <p className="rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-600">{t("firstReview")}</p>;
  if (diff.unchanged)
    return <p className="rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-600">{t("unchanged")}</p>;
  const value = (field: string, v: string) =>
    v === ""
      ? t("empty")
      : field === "category"
        ? tl(`category.${v}`)
        : field === "type"
          ? tl(`type.${v}`)
          : v;
  const price = (p: number | null) => (p === null ? "—" : format.krw(p));
  const variantValue = (k: "sku" | "price" | "active", v: Variant) =>
    k === "price" ? price(v.price) : k === "active" ? (v.active ? t("on") : t("off")) : v.sku;

  return (
    <div className="flex flex-col gap-6" data-testid="review-changes">
      {diff.fields.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-semibold"> </th>
                <th className="py-2 pr-4 font-semibold">{t("before")}</th>
                <th className="py-2 font-semibold">{t("after")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {diff.fields.map((f) => (
                <tr key={f.field}>
                  <th
                    scope="row"
                    className="whitespace-nowrap py-2.5 pr-4 text-left font-medium text-slate-700"
                  >
                    {t(`field.${f.field}`)}
                  </th>
                  <td className="py-2.5 pr-4 whitespace-pre-line">
                    <Before>{value(f.field, f.before)}</Before>
                  </td>
                  <td className="py-2.5 whitespace-pre-line">
                    <After>{value(f.field, f.after)}</After>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {diff.options.length > 0 ? (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-bold text-slate-700">{t("options")}</h3>
          <ul className="flex flex-col gap-2 text-sm">
            {diff.options.map((o, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2">
                {o.kind === "changed" ? (
                  <>
                    <Tag kind="changed">{t("changed")}</Tag>
                    <span className="font-medium">
                      {o.after.nameKo} / {o.after.nameEn}
                    </span>
                    {o.addedValues.map((v) => (
                      <Tag key={`+${v}`} kind="added">
                        + {v}
                      </Tag>
                    ))}
                    {o.removedValues.map((v) => (
                      <Tag key={`-${v}`} kind="removed">
                        {v}
                      </Tag>
                    ))}
                    {o.reordered ? <span className="text-xs text-slate-500">({t("reordered")})</span> : null}
                  </>
                ) : (
                  <>
                    <Tag kind={o.kind}>{o.kind === "added" ? t("added") : t("removed")}</Tag>
                    <span
                      className={`font-medium ${o.kind === "removed" ? "text-slate-500 line-through" : ""}`}
                    >
                      {o.group.nameKo} / {o.group.nameEn}
                    </span>
                    <span className="text-slate-500">{o.group.values.join(", ")}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {diff.variants.length > 0 ? (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-bold text-slate-700">{t("variants")}</h3>
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 text-sm">
            {diff.variants.map((v, i) => {
              const shown = v.kind === "changed" ? v.after : v.variant;
              return (
                <li key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5">
                  <Tag kind={v.kind}>{t(v.kind)}</Tag>
                  <span
                    className={`font-medium ${v.kind === "removed" ? "text-slate-500 line-through" : "text-ink"}`}
                  >
                    {labels[shown.label] ?? (shown.label || "—")}
                  </span>
                  <span className="font-mono text-xs text-slate-400">{shown.sku}</span>
                  {v.kind === "changed" ? (
                    v.changed.map((k) => (
                      <span key={k} className="inline-flex items-center gap-1.5">
                        <span className="text-xs text-slate-500">{t(`variantField.${k}`)}</span>
                        <Before>{variantValue(k, v.before)}</Before>
                        <span aria-hidden="true">→</span>
                        <After>{variantValue(k, v.after)}</After>
                      </span>
                    ))
                  ) : (
                    <span className="ml-auto tabular-nums text-slate-700">{price(shown.price)}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
