"use client";

import { createColumnHelper, type CellContext } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { formatFor, useFormat } from "@/lib/format";
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition } from "react";
import { updateVariantAction } from "@/app/(staff)/_products/actions";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { SellerProductDetail } from "@/lib/catalog/product-detail";
import { useProductErrors, type Failure } from "./product-errors";

type Variant = SellerProductDetail["variants"][number];
type Draft = { sku?: string; price?: string };
type Matrix = {
  drafts: Record<string, Draft>;
  edit: (id: string, patch: Draft) => void;
  save: (v: Variant, patch?: { active: boolean }) => void;
  busy: string | null;
  saved: string | null;
  errors: Record<string, { fields: Record<string, string>; summary: string | null }>;
  locked: boolean;
};
const MatrixContext = createContext<Matrix | null>(null);
const useMatrix = () => useContext(MatrixContext)!;
const col = createColumnHelper<Variant>();

/** "29,000", "₩29,000" and "29000원" are all 29000; anything else goes to the server as typed, to be refused by name. */
function priceOf(text: string): number | string {
  const digits = text.replace(/[\s,₩원]/g, "");
  return /^\d+$/.test(digits) ? Number(digits) : text;
}

/** A price as its input shows it: 49,000 (digits are grouped alike in Korean and English). */
const shownPrice = (v: Variant) => (v.price === null ? "" : formatFor("en").number(v.price));

function useName() {
  const t = useTranslations("sellerCentre.variants");
  const locale = useLocale();
  return (v: Variant) => (locale === "en" ? v.labelEn : v.labelKo) || t("single");
}

function OptionCell({ row: { original: v } }: CellContext<Variant, unknown>) {
  const t = useTranslations("sellerCentre.variants");
  const name = useName();
  return (
    <div className="min-w-36">
      <p className="font-medium text-ink">{name(v)}</p>
      {v.price === null ? (
        <span className="mt-0.5 inline-block rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-semibold text-amber-800 ring-1 ring-amber-200">
          {t("noPrice")}
        </span>
      ) : null}
    </div>
  );
}

function InputCell({
  row: { original: v },
  field,
}: CellContext<Variant, unknown> & { field: "sku" | "price" }) {
  const t = useTranslations("sellerCentre.variants");
  const name = useName();
  const m = useMatrix();
  const error = m.errors[v.id]?.fields[field];
  const value = m.drafts[v.id]?.[field] ?? (field === "sku" ? v.sku : shownPrice(v));
  return (
    <div className="flex flex-col gap-1">
      <div className="relative">
        {field === "price" ? (
          <span className="pointer-events-none absolute inset-y-0 left-2.5 grid place-items-center text-xs text-slate-400">
            ₩
          </span>
        ) : null}
        <input
          aria-label={field === "sku" ? t("skuOf", { name: name(v) }) : t("priceOf", { name: name(v) })}
          value={value}
          inputMode={field === "price" ? "numeric" : undefined}
          maxLength={field === "sku" ? 48 : 14}
          disabled={m.locked || m.busy === v.id}
          aria-invalid={error ? true : undefined}
          onChange={(e) => m.edit(v.id, { [field]: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              m.save(v);
            }
          }}
          className={`rounded-lg border bg-white py-1.5 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 ${
            field === "price"
              ? "w-32 pl-6 pr-2 text-right tabular-nums"
              : "w-56 px-2.5 font-mono text-xs uppercase"
          } ${error ? "border-red-400" : "border-slate-300"}`}
        />
      </div>
      {error ? <p className="max-w-56 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}
const SkuCell = (c: CellContext<Variant, unknown>) => <InputCell {...c} field="sku" />;
const PriceCell = (c: CellContext<Variant, unknown>) => <InputCell {...c} field="price" />;

function ActiveCell({ row: { original: v } }: CellContext<Variant, unknown>) {
  const t = useTranslations("sellerCentre.variants");
  const name = useName();
  const m = useMatrix();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={v.active}
      aria-label={t("activeLabel", { name: name(v) })}
      disabled={m.locked || m.busy === v.id}
      onClick={() => m.save(v, { active: !v.active })}
      className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition disabled:opacity-50 ${v.active ? "bg-emerald-500" : "bg-slate-300"}`}
    >
      <span
        className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${v.active ? "translate-x-5" : "translate-x-0.5"}`}
      />
    </button>
  );
}

function SaveCell({ row: { original: v } }: CellContext<Variant, unknown>) {
  const t = useTranslations("sellerCentre.variants");
  const name = useName();
  const m = useMatrix();
  const d = m.drafts[v.id];
  const dirty =
    d !== undefined &&
    ((d.sku !== undefined && d.sku !== v.sku) || (d.price !== undefined && d.price !== shownPrice(v)));
  const summary = m.errors[v.id]?.summary;
  if (m.locked) return null;
  return (
    <div className="flex flex-col items-end gap-1">
      {dirty ? (
        <Button
          type="button"
          className="px-3 py-1.5 text-xs"
          disabled={m.busy === v.id}
          onClick={() => m.save(v)}
          aria-label={`${name(v)} ${t("save")}`}
        >
          {t("save")}
        </Button>
      ) : m.saved === v.id ? (
        <span role="status" className="text-xs font-semibold text-emerald-700">
          ✓ {t("saved")}
        </span>
      ) : null}
      {summary ? <p className="text-xs text-red-600">{summary}</p> : null}
    </div>
  );
}

/**
 * The variant matrix: every combination of the options, with its SKU and price edited in place (Enter
 * or "save" per row) and its sale switch; the retired variants in a table of their own below.
 */
export function VariantMatrix({
  productId,
  matrix,
  retired,
  locked,
}: {
  productId: string;
  matrix: Variant[];
  retired: Variant[];
  locked: boolean;
}) {
  const t = useTranslations("sellerCentre.variants");
  const tr = useTranslations("productReview");
  const format = useFormat();
  const name = useName();
  const explain = useProductErrors();
  const router = useRouter();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Matrix["errors"]>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [, start] = useTransition();

  function save(v: Variant, patch?: { active: boolean }) {
    const d = drafts[v.id] ?? {};
    const input: Record<string, unknown> = { ...patch };
    if (!patch && d.sku !== undefined && d.sku !== v.sku) input.sku = d.sku;
    if (!patch && d.price !== undefined && d.price !== "" && d.price !== shownPrice(v))
      input.price = priceOf(d.price);
    if (Object.keys(input).length === 0) return;
    setBusy(v.id);
    start(async () => {
      const out = await updateVariantAction(productId, v.id, input);
      setBusy(null);
      if (!out.ok) {
        const e = explain(out as Failure);
        return setErrors((x) => ({
          ...x,
          [v.id]: { fields: e.fields, summary: Object.keys(e.fields).length ? null : e.summary },
        }));
      }
      setErrors(({ [v.id]: _, ...rest }) => rest);
      if (!patch) setDrafts(({ [v.id]: _, ...rest }) => rest);
      setSaved(v.id);
      router.refresh();
    });
  }

  const columns = [
    col.display({ id: "option", header: t("option"), cell: OptionCell }),
    col.accessor("sku", { header: t("sku"), cell: SkuCell, enableSorting: false }),
    col.accessor("price", { header: t("price"), cell: PriceCell, enableSorting: false }),
    col.accessor("active", {
      header: t("active"),
      cell: ActiveCell,
      enableSorting: false,
      meta: { align: "center" },
    }),
    col.display({
      id: "save",
      header: () => <span className="sr-only">{t("save")}</span>,
      cell: SaveCell,
      meta: { align: "right" },
    }),
  ];
  const retiredColumns = [
    col.accessor((v) => name(v), { id: "option", header: t("option") }),
    col.accessor("sku", { header: t("sku"), meta: { className: "font-mono text-xs" } }),
    col.accessor("price", {
      header: t("price"),
      meta: { align: "right" },
      cell: (c) => (c.getValue() === null ? "—" : format.krw(c.getValue() as number)),
    }),
    col.display({
      id: "state",
      header: t("active"),
      cell: () => (
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-600">
          {tr("retired")}
        </span>
      ),
    }),
  ];
  return (
    <MatrixContext.Provider
      value={{
        drafts,
        edit: (id, p) => setDrafts((x) => ({ ...x, [id]: { ...x[id], ...p } })),
        save,
        busy,
        saved,
        errors,
        locked,
      }}
    >
      <div className="flex flex-col gap-4">
        <DataTable
          data={matrix}
          columns={columns}
          caption={t("title")}
          empty={t("empty")}
          getRowId={(v) => v.id}
          sortable={false}
          testId="variant-matrix"
        />
        {retired.length > 0 ? (
          <div className="flex flex-col gap-2">
            <h3 className="text-sm font-bold text-slate-700">
              {t("retiredTitle")} <span className="font-medium text-slate-500">({retired.length})</span>
            </h3>
            <p className="text-xs text-slate-500">{t("retiredHelp")}</p>
            <DataTable
              data={retired}
              columns={retiredColumns}
              caption={t("retiredTitle")}
              getRowId={(v) => v.id}
              testId="retired-variants"
            />
          </div>
        ) : null}
      </div>
    </MatrixContext.Provider>
  );
}
