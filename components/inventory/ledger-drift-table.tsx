"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { useFormat } from "@/lib/format";

export type DriftRow = {
  locationId: string;
  locationName: string;
  variantId: string;
  sku: string | null;
  onHand: number | null;
  reserved: number | null;
  ledgerOnHand: number | null;
  ledgerReserved: number | null;
};

const col = createColumnHelper<DriftRow>();

/** The levels the ledger does not explain: the level beside what its movements add up to. */
export function LedgerDriftTable({ rows }: { rows: DriftRow[] }) {
  const t = useTranslations("network.ledger");
  const format = useFormat();
  const n = (x: number | null) => (x === null ? "–" : format.number(x));
  const off = (a: number | null, b: number | null) => (a !== b ? "font-bold text-red-700" : "");
  const columns = [
    col.accessor("locationName", {
      header: t("col.location"),
      cell: (c) => <span className="font-medium text-ink">{c.getValue()}</span>,
    }),
    col.accessor("sku", {
      header: t("col.model"),
      cell: (c) => <span className="font-mono text-xs">{c.getValue() ?? c.row.original.variantId}</span>,
    }),
    col.accessor("onHand", {
      header: t("col.onHand"),
      meta: { align: "right" },
      cell: (c) => <span className={off(c.getValue(), c.row.original.ledgerOnHand)}>{n(c.getValue())}</span>,
    }),
    col.accessor("ledgerOnHand", { header: t("col.ledgerOnHand"), ...numeric(n) }),
    col.accessor("reserved", {
      header: t("col.reserved"),
      meta: { align: "right" },
      cell: (c) => (
        <span className={off(c.getValue(), c.row.original.ledgerReserved)}>{n(c.getValue())}</span>
      ),
    }),
    col.accessor("ledgerReserved", { header: t("col.ledgerReserved"), ...numeric(n) }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("drift")}
      pageSize={50}
      getRowId={(r) => `${r.locationId}:${r.variantId}`}
      testId="ledger-drift"
    />
  );
}
