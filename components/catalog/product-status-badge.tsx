import { useTranslations } from "next-intl";
import type { ProductStatus } from "@/lib/catalog/lifecycle";

const TONES: Record<ProductStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  in_review: "bg-amber-50 text-amber-900 ring-amber-200",
  approved: "bg-sky-50 text-sky-800 ring-sky-200",
  on_sale: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-orange-50 text-orange-800 ring-orange-200",
  discontinued: "bg-red-50 text-red-700 ring-red-200",
};
/** The colour of each status, as a dot (the badge, the history timeline). */
export const STATUS_DOTS: Record<ProductStatus, string> = {
  draft: "bg-slate-400",
  in_review: "bg-amber-500",
  approved: "bg-sky-500",
  on_sale: "bg-emerald-500",
  paused: "bg-orange-500",
  discontinued: "bg-red-500",
};

/** A product's launch status as a coloured pill (seller centre, review queue). */
export function ProductStatusBadge({ status, size = "sm" }: { status: ProductStatus; size?: "sm" | "md" }) {
  const t = useTranslations("catalog.labels.status");
  return (
    <span
      data-product-status={status}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full font-semibold ring-1 ring-inset ${TONES[status]} ${
        size === "md" ? "px-3 py-1 text-sm" : "px-2.5 py-0.5 text-xs"
      }`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${STATUS_DOTS[status]}`} />
      {t(status)}
    </span>
  );
}
