import { useTranslations } from "next-intl";

const TONES: Record<string, string> = {
  pending_payment: "bg-amber-50 text-amber-800 ring-amber-200",
  payment_failed: "bg-red-50 text-red-700 ring-red-200",
  confirmed: "bg-brand-50 text-brand-700 ring-brand-100",
  accepted: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  packed: "bg-violet-50 text-violet-700 ring-violet-200",
  in_progress: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  shipped: "bg-sky-50 text-sky-700 ring-sky-200",
  delivered: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  partially_cancelled: "bg-orange-50 text-orange-700 ring-orange-200",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** An order or seller-order status as a coloured pill. */
export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("orderStatus");
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[status] ?? TONES.cancelled}`}
    >
      {t(status)}
    </span>
  );
}
