"use client";

import { useTranslations } from "next-intl";
import type { SourceOption } from "@/lib/orders/suggest-source";

/** One place the order can ship from: its stock of each line, its estimate, or why it cannot. */
export function SourceChoice(props: {
  option: SourceOption;
  checked: boolean;
  suggested: boolean;
  showEta: boolean;
  onPick: () => void;
  name: string;
  etaText: string;
  skuOf: (variantId: string) => string;
}) {
  const t = useTranslations("checkout");
  const tr = useTranslations("orderRegions");
  const { option: o } = props;
  const fast = o.eta.kind !== "days";
  return (
    <label
      data-testid="source-option"
      data-code={o.code}
      className={`flex cursor-pointer gap-3 rounded-xl border p-4 transition ${
        !o.canFill
          ? "cursor-not-allowed border-slate-200 bg-slate-50 opacity-70"
          : props.checked
            ? "border-brand-500 bg-brand-50/50 ring-2 ring-brand-100"
            : "border-slate-200 hover:border-slate-300"
      }`}
    >
      <input
        type="radio"
        name="source"
        value={o.locationId}
        checked={props.checked}
        disabled={!o.canFill}
        onChange={props.onPick}
        className="mt-1 accent-brand-600"
      />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-semibold text-ink">{props.name}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
            {t(`kind.${o.kind}`)}
          </span>
          <span className="text-xs text-slate-500">{tr(o.region)}</span>
          {props.suggested ? (
            <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">
              {t("suggested")}
            </span>
          ) : null}
        </div>
        <p className="mt-1 text-xs text-slate-500" data-testid="source-availability">
          {o.lines
            .map((l) =>
              t("availableLine", { sku: props.skuOf(l.variantId), available: Math.max(0, l.available) }),
            )
            .join(" · ")}
        </p>
        {!o.canFill ? (
          <p className="mt-1 text-xs font-medium text-red-600">
            {t("cannotFill", {
              items: o.short
                .map((s) =>
                  t("shortLine", { sku: props.skuOf(s.variantId), available: Math.max(0, s.available) }),
                )
                .join(", "),
            })}
          </p>
        ) : null}
      </div>
      {props.showEta ? (
        <div
          className={`shrink-0 text-right text-sm font-semibold ${fast ? "text-emerald-700" : "text-slate-700"}`}
        >
          {props.etaText}
          {o.canFill ? <p className="text-xs font-normal text-slate-500">{t("canFill")}</p> : null}
        </div>
      ) : null}
    </label>
  );
}
