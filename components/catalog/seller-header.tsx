import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";

/** The top of a storefront: the seller's initial, name, kind and how many products it has on sale. */
export function SellerHeader({ name, kind, count, capped }: { name: string; kind: "retailer" | "marketplace"; count: number; capped: boolean }) {
  const t = useTranslations("catalog.seller");
  const tp = useTranslations("catalog.product");
  const format = useFormat();
  const retailer = kind === "retailer";
  return (
    <header
      className={`flex flex-wrap items-center gap-5 rounded-3xl border p-6 shadow-sm sm:p-8 ${
        retailer ? "border-brand-100 bg-gradient-to-br from-brand-50 to-white" : "border-slate-200 bg-gradient-to-br from-slate-50 to-white"
      }`}
    >
      <span
        aria-hidden="true"
        className={`grid h-16 w-16 shrink-0 place-items-center rounded-2xl text-2xl font-extrabold text-white shadow-sm ${retailer ? "bg-brand-600" : "bg-ink"}`}
      >
        {name.slice(0, 1)}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("eyebrow")}</p>
        <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">{name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span
            className={`rounded-full px-2 py-0.5 text-[11px] font-bold ${
              retailer ? "bg-brand-50 text-brand-700 ring-1 ring-brand-100" : "bg-slate-100 text-slate-700 ring-1 ring-slate-200"
            }`}
          >
            {retailer ? tp("retailerSeller") : tp("marketplaceSeller")}
          </span>
          <span>{retailer ? t("retailerText") : t("marketplaceText")}</span>
        </p>
      </div>
      <p className="text-right" data-testid="seller-product-count">
        <span className="block text-3xl font-extrabold tracking-tight text-ink">
          {format.number(count)}
          {capped ? "+" : ""}
        </span>
        <span className="text-sm text-slate-500">{t("onSale")}</span>
      </p>
    </header>
  );
}
