"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { recordAttendanceAction } from "@/app/(staff)/_reservables/actions";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { useFailureText } from "@/components/ui/failure-text";
import { useFormat } from "@/lib/format";
import type { Appointment } from "@/lib/reservations/attendance";
import { FormMessage } from "@/components/ui/form-message";

const col = createColumnHelper<Appointment>();

/** Today's paid appointments at my hubs: check the customer in, or record a no-show. */
export function AppointmentsTable({ rows }: { rows: Appointment[] }) {
  const t = useTranslations("reservables.appointments");
  const failureText = useFailureText("reservations.errors");
  const format = useFormat();
  const locale = useLocale() as "ko" | "en";
  const router = useRouter();
  const [busy, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const record = (id: string, what: "check_in" | "no_show") =>
    start(async () => {
      setError(null);
      const out = await recordAttendanceAction(id, what);
      if (out.ok) router.refresh();
      else setError(failureText(out));
    });

  const columns = [
    col.accessor("startsAt", {
      header: t("col.time"),
      cell: (c) => (
        <span className="whitespace-nowrap tabular-nums">{format.dateTime(c.getValue(), "time")}</span>
      ),
    }),
    col.accessor((r) => (locale === "en" ? r.location.nameEn : r.location.name), {
      id: "hub",
      header: t("col.hub"),
    }),
    col.accessor("customerName", { header: t("col.customer") }),
    col.accessor((r) => (locale === "en" ? r.productNameEn : r.productName), {
      id: "service",
      header: t("col.service"),
    }),
    col.display({
      id: "attendance",
      header: t("col.attendance"),
      cell: (c) => {
        const r = c.row.original;
        if (r.attendance)
          return (
            <span className={r.attendance === "no_show" ? "font-semibold text-red-700" : "text-emerald-700"}>
              {t(`state.${r.attendance}`)}
            </span>
          );
        if (!r.canCheckIn && !r.canMarkNoShow) return <span className="text-slate-400">{t("notYet")}</span>;
        return (
          <div className="flex flex-wrap gap-2">
            {r.canCheckIn ? (
              <Button
                type="button"
                disabled={busy}
                className="px-3 py-1.5 text-xs"
                onClick={() => record(r.id, "check_in")}
              >
                {t("checkIn")}
              </Button>
            ) : null}
            {r.canMarkNoShow ? (
              <Button
                type="button"
                variant="secondary"
                disabled={busy}
                className="px-3 py-1.5 text-xs"
                onClick={() => record(r.id, "no_show")}
              >
                {t("noShow")}
              </Button>
            ) : null}
          </div>
        );
      },
    }),
  ];

  return (
    <section className="flex flex-col gap-3">
      <div>
        <h2 className="text-lg font-semibold text-ink">{t("title")}</h2>
        <p className="text-sm text-slate-600">{t("help")}</p>
      </div>
      <FormMessage tone="error">{error}</FormMessage>
      <DataTable
        data={rows}
        columns={columns}
        caption={t("title")}
        empty={t("empty")}
        getRowId={(r) => r.id}
        testId="appointments-table"
      />
    </section>
  );
}
