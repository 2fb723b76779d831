"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { HubStockRow } from "@/lib/inventory/hub-stock";
import { useFormat } from "@/lib/format";
import { CountCorrectionDialog, type AdjustAction } from "./count-correction-dialog";
import { ReorderPointDialog, type SetReorderPointAction } from "./reorder-point-dialog";

const col = createColumnHelper<HubStockRow>();

/**
 * One hub's stock, a page at a time (the server sorts and pages): per model on hand,
 * allocated, available, the reorder point with the low flag, and per row the reorder point dialog,
 * the count correction and a link to the model's movement history.
 */
export function HubStockTable({
  locationId,
  rows,
  historyHref,
  adjustAction,
  reorderPointAction,
  empty,
}: {
  locationId: string;
  rows: HubStockRow[];
  /** The page's URL with `variant=` to be appended (it keeps the hub and the page). */
  historyHref: string;
  adjustAction: AdjustAction;
  reorderPointAction: SetReorderPointAction;
  empty: string;
}) {
  const t = useTranslations("network.stock");
  const format = useFormat();
  const locale = useLocale();
  const router = useRouter();
  const [counting, setCounting] = useState<HubStockRow | null>(null);
  const [pointing, setPointing] = useState<HubStockRow | null>(null);
  const [done, setDone] = useState<{ key: "adjusted" | "pointSaved"; row: HubStockRow; n: number } | null>(
    null,
  );
  const name = (r: HubStockRow) => `${locale === "en" ? r.productNameEn : r.productName} · ${r.sku}`;
  const n = (x: number) => format.number(x);

  const columns = [
    col.accessor("sku", {
      header: t("col.model"),
      cell: ({ row: { original: r } }) => (
        <div>
          <p className="font-medium text-ink">{locale === "en" ? r.productNameEn : r.productName}</p>
          <p className="font-mono text-xs text-slate-400">{r.sku}</p>
        </div>
      ),
    }),
    col.accessor("onHand", { header: t("col.onHand"), ...numeric(n) }),
    col.accessor("reserved", { header: t("col.reserved"), ...numeric(n) }),
    col.accessor("available", { header: t("col.available"), ...numeric(n, "font-bold text-ink") }),
    col.accessor("reorderPoint", {
      header: t("col.reorderPoint"),
      meta: { align: "right" },
      cell: (c) =>
        c.getValue() === null ? <span className="text-slate-400">{t("unset")}</span> : n(c.getValue()!),
    }),
    col.accessor("low", {
      header: t("col.status"),
      meta: { align: "center" },
      cell: (c) =>
        c.getValue() ? (
          <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-700 ring-1 ring-red-200">
            {t("low")}
          </span>
        ) : c.row.original.reorderPoint ? (
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-700 ring-1 ring-emerald-200">
            {t("ok")}
          </span>
        ) : null,
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">{t("col.actions")}</span>,
      meta: { align: "right" },
      cell: ({ row: { original: r } }) => (
        <div className="flex items-center justify-end gap-1 whitespace-nowrap">
          <Button
            type="button"
            variant="ghost"
            className="px-2.5 py-1 text-xs"
            aria-label={t("setPointOf", { name: name(r) })}
            onClick={() => setPointing(r)}
          >
            {t("setPoint")}
          </Button>
          <Button
            type="button"
            variant="ghost"
            className="px-2.5 py-1 text-xs"
            aria-label={t("adjustOf", { name: name(r) })}
            onClick={() => setCounting(r)}
          >
            {t("adjust")}
          </Button>
          <Link
            href={`${historyHref}variant=${r.variantId}#history`}
            aria-label={t("historyOf", { name: name(r) })}
            className="rounded-lg px-2.5 py-1 text-xs font-semibold text-brand-700 hover:bg-brand-50"
          >
            {t("history")}
          </Link>
        </div>
      ),
    }),
  ];

  return (
    <div className="flex flex-col gap-3">
      {done ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800">
          ✓ {t(done.key, { name: name(done.row), n: done.n })}
        </p>
      ) : null}
      <DataTable
        data={rows}
        columns={columns}
        caption={t("title")}
        empty={empty}
        getRowId={(r) => r.variantId}
        sortable={false}
        testId="hub-stock"
      />
      <CountCorrectionDialog
        key={`count-${counting?.variantId ?? "none"}`}
        locationId={locationId}
        target={counting && { variantId: counting.variantId, name: name(counting), onHand: counting.onHand }}
        action={adjustAction}
        onClose={() => setCounting(null)}
        onStale={() => router.refresh()}
        onDone={(level) => {
          setDone({ key: "adjusted", row: counting!, n: level.onHand });
          setCounting(null);
          router.refresh();
        }}
      />
      <ReorderPointDialog
        key={`point-${pointing?.variantId ?? "none"}`}
        locationId={locationId}
        target={
          pointing && {
            variantId: pointing.variantId,
            name: name(pointing),
            reorderPoint: pointing.reorderPoint,
          }
        }
        action={reorderPointAction}
        onClose={() => setPointing(null)}
        onDone={(point) => {
          setDone({ key: "pointSaved", row: pointing!, n: point });
          setPointing(null);
          router.refresh();
        }}
      />
    </div>
  );
}
