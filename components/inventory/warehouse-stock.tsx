"use client";

import { createColumnHelper, type CellContext } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition } from "react";
import { adjustStockAction, receiveGoodsAction } from "@/app/(staff)/_stock/actions";
import { useProductErrors, type Failure } from "@/components/catalog/product-errors";
import { Button } from "@/components/ui/button";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { CountCorrectionDialog } from "./count-correction-dialog";

export type StockRow = {
  variantId: string;
  name: string;
  sku: string;
  retired: boolean;
  onHand: number;
  reserved: number;
  available: number;
};
type Stock = {
  quantities: Record<string, string>;
  setQuantity: (id: string, q: string) => void;
  errors: Record<string, string>;
  adjust: (r: StockRow) => void;
  busy: boolean;
};
const StockContext = createContext<Stock | null>(null);
const useStock = () => useContext(StockContext)!;
const col = createColumnHelper<StockRow>();

function QuantityCell({ row: { original: r } }: CellContext<StockRow, unknown>) {
  const t = useTranslations("sellerCentre.stock");
  const s = useStock();
  if (r.retired) return null;
  const error = s.errors[r.variantId];
  return (
    <div className="flex flex-col items-end gap-1">
      <input
        aria-label={t("quantityOf", { name: r.name })}
        inputMode="numeric"
        placeholder="0"
        value={s.quantities[r.variantId] ?? ""}
        disabled={s.busy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => s.setQuantity(r.variantId, e.target.value)}
        className={`w-24 rounded-lg border bg-white px-2.5 py-1.5 text-right text-sm tabular-nums shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 ${error ? "border-red-400" : "border-slate-300"}`}
      />
      {error ? <p className="max-w-40 text-right text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

function AdjustCell({ row: { original: r } }: CellContext<StockRow, unknown>) {
  const t = useTranslations("sellerCentre.stock");
  const s = useStock();
  return (
    <Button
      type="button"
      variant="ghost"
      className="px-2.5 py-1 text-xs"
      aria-label={t("adjustOf", { name: r.name })}
      onClick={() => s.adjust(r)}
    >
      {t("adjust")}
    </Button>
  );
}

/**
 * One warehouse's stock of a product per variant (on hand, allocated, available), with a goods
 * receipt (a quantity per variant and the supplier's reference) and a count correction per variant
 * that sends the on hand it was shown: a stale one says the new figure and offers to retry from it.
 */
export function WarehouseStock({
  locationId,
  warehouseName,
  placeLabel,
  rows,
}: {
  locationId: string;
  warehouseName: string;
  /** What the place is called above the table (default: "Warehouse"; a logistics center for marketing). */
  placeLabel?: string;
  rows: StockRow[];
}) {
  const t = useTranslations("sellerCentre.stock");
  const tv = useTranslations("sellerCentre.variants");
  const format = useFormat();
  const explain = useProductErrors();
  const router = useRouter();
  const [busy, start] = useTransition();
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [reference, setReference] = useState("");
  const [receipt, setReceipt] = useState<{ failure?: Failure; empty?: boolean; units?: number } | null>(null);
  const [adjusting, setAdjusting] = useState<StockRow | null>(null);
  const [adjusted, setAdjusted] = useState<number | null>(null);

  const lines = rows.filter((r) => !r.retired && (quantities[r.variantId] ?? "").trim() !== "");
  const receiptErrors = explain(receipt?.failure);
  // `items.2.quantity` names the third line sent: map it back to that line's variant.
  const lineErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(receiptErrors.fields)) {
    const m = /^items\.(\d+)\./.exec(path);
    if (m && lines[Number(m[1])]) lineErrors[lines[Number(m[1])]!.variantId] = message;
  }

  function receive() {
    if (lines.length === 0) return setReceipt({ empty: true });
    const items = lines.map((r) => {
      const q = quantities[r.variantId]!.replace(/[\s,]/g, "");
      return { variantId: r.variantId, quantity: /^\d+$/.test(q) ? Number(q) : q };
    });
    start(async () => {
      const out = await receiveGoodsAction(locationId, { items, reference });
      if (!out.ok) return setReceipt({ failure: out });
      setReceipt({ units: out.data.units });
      setAdjusted(null);
      setQuantities({});
      setReference("");
      router.refresh();
    });
  }

  const columns = [
    col.accessor("name", {
      header: t("variant"),
      cell: ({ row: { original: r } }) => (
        <div>
          <p className={`font-medium ${r.retired ? "text-slate-500" : "text-ink"}`}>
            {r.name}{" "}
            {r.retired ? (
              <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-semibold text-slate-500">
                {tv("retiredTitle")}
              </span>
            ) : null}
          </p>
          <p className="font-mono text-xs text-slate-400">{r.sku}</p>
        </div>
      ),
    }),
    col.accessor("onHand", { header: t("onHand"), ...numeric(format.number) }),
    col.accessor("reserved", { header: t("reserved"), ...numeric(format.number) }),
    col.accessor("available", { header: t("available"), ...numeric(format.number, "font-bold text-ink") }),
    col.display({ id: "receive", header: t("receiptTitle"), cell: QuantityCell, meta: { align: "right" } }),
    col.display({
      id: "adjust",
      header: () => <span className="sr-only">{t("adjust")}</span>,
      cell: AdjustCell,
      meta: { align: "right" },
    }),
  ];

  return (
    <StockContext.Provider
      value={{
        quantities,
        setQuantity: (id, q) => setQuantities((x) => ({ ...x, [id]: q })),
        errors: lineErrors,
        adjust: (row) => setAdjusting(row),
        busy,
      }}
    >
      <div className="flex flex-col gap-3">
        <p className="text-sm font-semibold text-slate-700">
          {placeLabel ?? t("warehouse")}: {warehouseName}
        </p>
        <DataTable
          data={rows}
          columns={columns}
          caption={`${t("title")} · ${warehouseName}`}
          getRowId={(r) => r.variantId}
          sortable={false}
          testId="warehouse-stock"
        />
        <div className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
          <div>
            <p className="text-sm font-bold text-ink">{t("receiptTitle")}</p>
            <p className="text-xs text-slate-500">{t("receiptHelp")}</p>
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="min-w-64 flex-1">
              <Field
                name="reference"
                id={`reference-${locationId}`}
                label={t("reference")}
                placeholder={t("referencePlaceholder")}
                value={reference}
                maxLength={100}
                onChange={(e) => setReference(e.target.value)}
                error={receiptErrors.fields.reference}
              />
            </div>
            <Button type="button" onClick={receive} disabled={busy}>
              {busy ? t("receiving") : t("receive")}
            </Button>
          </div>
          {receipt?.empty ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {t("nothingToReceive")}
            </p>
          ) : receiptErrors.summary ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {receiptErrors.summary}
            </p>
          ) : receipt?.units !== undefined ? (
            <p role="status" className="text-sm font-medium text-emerald-700">
              ✓ {t("received", { count: receipt.units })}
            </p>
          ) : adjusted !== null ? (
            <p role="status" className="text-sm font-medium text-emerald-700">
              ✓ {t("adjusted", { onHand: adjusted })}
            </p>
          ) : null}
        </div>
      </div>

      <CountCorrectionDialog
        key={adjusting?.variantId ?? "none"}
        locationId={locationId}
        target={adjusting}
        action={adjustStockAction}
        onClose={() => setAdjusting(null)}
        onStale={() => router.refresh()}
        onDone={(level) => {
          setAdjusting(null);
          setAdjusted(level.onHand);
          setReceipt(null);
          router.refresh();
        }}
      />
    </StockContext.Provider>
  );
}
