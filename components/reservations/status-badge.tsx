"use client";

import { useTranslations } from "next-intl";
import type { ReservationView } from "@/lib/reservations/queries";

const STYLES: Record<ReservationView["status"], string> = {
  pending: "bg-amber-100 text-amber-900 ring-amber-200",
  confirmed: "bg-brand-50 text-brand-700 ring-brand-100",
  paid: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  rejected: "bg-slate-100 text-slate-700 ring-slate-200",
  cancelled: "bg-red-50 text-red-700 ring-red-200",
  expired: "bg-slate-100 text-slate-600 ring-slate-200",
};

export function StatusBadge({ status }: { status: ReservationView["status"] }) {
  const t = useTranslations("reservations.status");
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold ring-1 ${STYLES[status]}`}
      data-testid="status"
    >
      {status === "pending" ? (
        <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-amber-500" aria-hidden />
      ) : null}
      {t(status)}
    </span>
  );
}

export function LiveDot({ connected }: { connected: boolean }) {
  const t = useTranslations("reservations");
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-500">
      <span className={`h-2 w-2 rounded-full ${connected ? "bg-emerald-500" : "bg-slate-300"}`} aria-hidden />
      {connected ? t("live") : t("connecting")}
    </span>
  );
}
