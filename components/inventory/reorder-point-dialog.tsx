"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";

export type SetReorderPointAction = (
  locationId: string,
  input: unknown,
) => Promise<ActionResult<{ locationId: string; variantId: string; reorderPoint: number }>>;

/** Sets one variant's reorder point at one hub. Mount it with `key={variantId}`. */
export function ReorderPointDialog({
  locationId,
  target,
  action,
  onClose,
  onDone,
}: {
  locationId: string;
  target: { variantId: string; name: string; reorderPoint: number | null } | null;
  action: SetReorderPointAction;
  onClose: () => void;
  onDone: (reorderPoint: number) => void;
}) {
  const t = useTranslations("network.stock");
  const tc = useTranslations("common");
  const [busy, start] = useTransition();
  const [value, setValue] = useState(
    target?.reorderPoint === null || !target ? "" : String(target.reorderPoint),
  );
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const tp = useTranslations("productErrors");

  function save() {
    if (!target) return;
    const n = value.replace(/[\s,]/g, "");
    start(async () => {
      const out = await action(locationId, {
        variantId: target.variantId,
        reorderPoint: /^\d+$/.test(n) ? Number(n) : n,
      });
      if (out.ok) return onDone(out.data.reorderPoint);
      if (out.errors?.reorderPoint) return setError(t("pointError"));
      setFailed(out.code === "validation.invalid" ? tp("field.variantId") : tp("generic"));
    });
  }

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? t("pointTitle", { name: target.name }) : ""}
    >
      {target ? (
        <>
          <p className="text-sm text-slate-600">{t("pointText")}</p>
          <Field
            name="reorderPoint"
            id={`reorder-point-${locationId}`}
            label={t("pointLabel")}
            inputMode="numeric"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            error={error ?? undefined}
          />
          {failed ? (
            <p role="alert" className="text-sm text-red-700">
              {failed}
            </p>
          ) : null}
          <DialogActions
            cancelLabel={tc("cancel")}
            onCancel={onClose}
            confirmLabel={t("pointSave")}
            onConfirm={save}
            busy={busy}
          />
        </>
      ) : null}
    </Dialog>
  );
}
