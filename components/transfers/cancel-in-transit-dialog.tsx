"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useFormat } from "@/lib/format";
import type { TransferView } from "@/lib/inventory/transfer-queries";

type Disposition = "return" | "write_off";
export type CancelLines = { variantId: string; disposition: Disposition; reason?: string }[];

/**
 * Cancelling a transfer in transit: the goods have left the source, so each shipped line is either
 * returned to the source's stock or written off with a reason. One choice per line, then one submit.
 */
export function CancelInTransitDialog({
  row,
  locale,
  open,
  busy,
  errors,
  onClose,
  onConfirm,
}: {
  row: TransferView;
  locale: string;
  open: boolean;
  busy: boolean;
  /** The server's field errors (`lines.0.reason`…), shown beside their line. */
  errors: Record<string, string>;
  onClose: () => void;
  onConfirm: (body: { lines: CancelLines; reason?: string }) => void;
}) {
  const t = useTranslations("transfers.cancelInTransit");
  const format = useFormat();
  const lines = row.items.filter((i) => i.shipped > 0);
  const [choice, setChoice] = useState<Record<string, Disposition>>({});
  const [lineReason, setLineReason] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const from = locale === "en" ? row.fromLocation.nameEn : row.fromLocation.name;

  const confirm = () => {
    const needReason = new Set(
      lines
        .filter((l) => (choice[l.variantId] ?? "return") === "write_off" && !lineReason[l.variantId]?.trim())
        .map((l) => l.variantId),
    );
    setMissing(needReason);
    if (needReason.size > 0) return;
    onConfirm({
      lines: lines.map((l) => {
        const disposition = choice[l.variantId] ?? "return";
        const why = lineReason[l.variantId]?.trim();
        return {
          variantId: l.variantId,
          disposition,
          ...(disposition === "write_off" && why ? { reason: why } : {}),
        };
      }),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
  };

  return (
    <Dialog open={open} onClose={onClose} title={t("title")} tone="danger">
      <p className="text-sm text-slate-600">{t("help", { from })}</p>
      <ul className="flex flex-col gap-3" data-testid="cancel-lines">
        {lines.map((l, i) => {
          const d = choice[l.variantId] ?? "return";
          const serverError = errors[`lines.${i}.reason`] ?? errors[`lines.${i}.disposition`];
          const name = locale === "en" ? l.productNameEn : l.productName;
          return (
            <li key={l.variantId} className="rounded-xl border border-slate-200 p-3">
              <fieldset className="flex flex-col gap-2">
                <legend className="text-sm font-medium text-ink">
                  {name} <span className="font-mono text-xs text-slate-400">{l.sku}</span>{" "}
                  <span className="tabular-nums text-slate-600">× {format.number(l.shipped)}</span>
                </legend>
                <div className="flex flex-wrap gap-4 text-sm">
                  {(["return", "write_off"] as const).map((option) => (
                    <label key={option} className="flex items-center gap-1.5">
                      <input
                        type="radio"
                        name={`disposition-${l.variantId}`}
                        value={option}
                        checked={d === option}
                        onChange={() => setChoice({ ...choice, [l.variantId]: option })}
                      />
                      {option === "return" ? t("return", { from }) : t("writeOff")}
                    </label>
                  ))}
                </div>
                {d === "write_off" ? (
                  <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
                    {t("lineReason", { sku: l.sku })}
                    <input
                      value={lineReason[l.variantId] ?? ""}
                      onChange={(e) => {
                        setLineReason({ ...lineReason, [l.variantId]: e.target.value });
                        if (missing.has(l.variantId))
                          setMissing(new Set([...missing].filter((v) => v !== l.variantId)));
                      }}
                      maxLength={500}
                      aria-invalid={missing.has(l.variantId) || !!serverError}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                    />
                  </label>
                ) : null}
                {missing.has(l.variantId) || serverError ? (
                  <p className="text-xs text-red-700">{t("errors.lineReason")}</p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ul>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t("reason")}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        />
      </label>
      {errors.lines ? <p className="text-xs text-red-700">{t("errors.lines")}</p> : null}
      <DialogActions
        cancelLabel={t("back")}
        onCancel={onClose}
        confirmLabel={t("confirm")}
        onConfirm={confirm}
        busy={busy}
        tone="danger"
      />
    </Dialog>
  );
}
