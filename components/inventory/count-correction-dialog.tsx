"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useProductErrors, type Failure } from "@/components/catalog/product-errors";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";

export type CountLevel = { variantId: string; onHand: number; reserved: number; available: number };
export type AdjustAction = (locationId: string, input: unknown) => Promise<ActionResult<CountLevel>>;
export type CountTarget = { variantId: string; name: string; onHand: number };

/**
 * The one count-correction dialog (a seller's warehouse, a dealer's hub): sends the on hand it was
 * shown with the count, so a count that went stale meanwhile is refused with the figure it is now;
 * the dialog says so and retries from that figure. Mount it with `key={target.variantId}` per row.
 */
export function CountCorrectionDialog({
  locationId,
  target,
  action,
  onClose,
  onDone,
  onStale,
}: {
  locationId: string;
  target: CountTarget | null;
  action: AdjustAction;
  onClose: () => void;
  onDone: (level: CountLevel) => void;
  /** The figures changed under the user: refresh what the page shows. */
  onStale?: () => void;
}) {
  const t = useTranslations("sellerCentre.stock");
  const tc = useTranslations("common");
  const explain = useProductErrors();
  const [busy, start] = useTransition();
  const [expected, setExpected] = useState(target?.onHand ?? 0);
  const [counted, setCounted] = useState(String(target?.onHand ?? ""));
  const [reason, setReason] = useState("");
  const [stale, setStale] = useState<{ onHand: number; reserved: number } | null>(null);
  const [failure, setFailure] = useState<Failure | undefined>();
  const errors = explain(failure);

  function save() {
    if (!target) return;
    const n = counted.replace(/[\s,]/g, "");
    const input = {
      variantId: target.variantId,
      expectedOnHand: expected,
      onHand: /^\d+$/.test(n) ? Number(n) : n,
      reason,
    };
    start(async () => {
      const out = await action(locationId, input);
      if (out.ok) return onDone(out.data);
      if (out.code === "stock.stale") {
        // Retry from the figure the server has now; the page refreshes to it too.
        const now = { onHand: Number(out.meta?.onHand), reserved: Number(out.meta?.reserved) };
        setExpected(now.onHand);
        setStale(now);
        setFailure(undefined);
        return onStale?.();
      }
      setFailure(out);
    });
  }

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? t("adjustTitle", { name: target.name }) : ""}
    >
      {target ? (
        <>
          <p className="text-sm text-slate-600">{t("adjustText", { expected })}</p>
          {stale ? (
            <p
              role="alert"
              className="rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 ring-1 ring-amber-200"
            >
              {t("stale", stale)}
            </p>
          ) : null}
          <Field
            name="counted"
            id={`counted-${locationId}`}
            label={t("counted")}
            inputMode="numeric"
            value={counted}
            onChange={(e) => setCounted(e.target.value)}
            error={errors.fields.onHand}
          />
          <Field
            name="reason"
            id={`count-reason-${locationId}`}
            label={t("reason")}
            placeholder={t("reasonPlaceholder")}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields.reason}
          />
          {errors.summary && Object.keys(errors.fields).length === 0 ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.summary}
            </p>
          ) : null}
          <DialogActions
            cancelLabel={tc("cancel")}
            onCancel={onClose}
            confirmLabel={stale ? t("retry") : t("applyAdjust")}
            onConfirm={save}
            busy={busy}
          />
        </>
      ) : null}
    </Dialog>
  );
}
