import { useTranslations } from "next-intl";
import type { ProductStatus } from "@/lib/catalog/lifecycle";
import type { SellerProductDetail } from "@/lib/catalog/product-detail";
import { STATUS_DOTS } from "./product-status-badge";

/** A history entry as the page hands it over: `atText` is formatted on the server (Asia/Seoul). */
export type HistoryEntry = SellerProductDetail["history"][number] & { atText: string };

const TRACK: ProductStatus[] = ["draft", "in_review", "approved", "on_sale"];

/** Where the product stands on the way to sale: draft → in review → approved → on sale (paused on the last step). */
export function LifecycleTrack({ status }: { status: ProductStatus }) {
  const t = useTranslations("catalog.labels.status");
  const tl = useTranslations("sellerCentre.lifecycle");
  const at = status === "paused" ? 3 : status === "discontinued" ? -1 : TRACK.indexOf(status);
  return (
    <ol aria-label={tl("track")} className="grid grid-cols-4 gap-1">
      {TRACK.map((s, i) => {
        const done = i < at;
        const current = i === at;
        return (
          <li key={s} aria-current={current ? "step" : undefined} className="flex flex-col gap-1.5">
            <span
              className={`h-1.5 rounded-full ${done ? "bg-brand-500" : current ? (status === "paused" ? "bg-orange-500" : "bg-brand-600") : "bg-slate-200"}`}
            />
            <span
              className={`text-[11px] leading-tight ${current ? "font-bold text-ink" : done ? "text-slate-600" : "text-slate-400"}`}
            >
              {current && status === "paused" ? t("paused") : t(s)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Every step of the product's lifecycle, newest first: from → to, who, when (Asia/Seoul) and why. */
export function ProductHistory({ history }: { history: HistoryEntry[] }) {
  const t = useTranslations("sellerCentre.history");
  const ts = useTranslations("catalog.labels.status");
  if (history.length === 0) return <p className="text-sm text-slate-500">{t("empty")}</p>;
  return (
    <ol
      className="relative flex flex-col gap-4 border-l-2 border-slate-100 pl-5"
      data-testid="product-history"
    >
      {[...history].reverse().map((h, i) => (
        <li key={`${h.at}-${i}`} className="relative">
          <span
            aria-hidden="true"
            className={`absolute -left-[27px] top-1 h-3 w-3 rounded-full ring-4 ring-white ${STATUS_DOTS[h.to]}`}
          />
          <p className="text-sm font-semibold text-ink">
            {h.from === null ? (
              t("created")
            ) : (
              <>
                {ts(h.from)} <span aria-hidden="true">→</span> {ts(h.to)}
              </>
            )}
          </p>
          <p className="text-xs text-slate-500">
            {h.actorName ?? t("system")} · <time dateTime={h.at}>{h.atText}</time>
          </p>
          {h.reason && h.from !== null ? (
            <p
              className={`mt-1.5 rounded-lg px-3 py-2 text-sm ${h.from === "in_review" && h.to === "draft" ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200" : "bg-slate-50 text-slate-700"}`}
            >
              “{h.reason}”
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
