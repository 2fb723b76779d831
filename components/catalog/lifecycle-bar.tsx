"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { productStepAction } from "@/app/(staff)/_products/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import type { ProductEvent, ProductStatus } from "@/lib/catalog/lifecycle";
import { useProductErrors, type Failure } from "./product-errors";
import { ProductStatusBadge } from "./product-status-badge";

/** The API's name of each step (`send_back` is POST …/send-back). */
const STEP_NAME: Record<ProductEvent, string> = {
  submit: "submit",
  approve: "approve",
  send_back: "send-back",
  publish: "publish",
  pause: "pause",
  discontinue: "discontinue",
};
const PRIMARY: ReadonlySet<ProductEvent> = new Set(["submit", "approve", "publish"]);

/**
 * The sticky bar of a product page: its status and the steps open to this side (from the pure
 * lifecycle: `events`). A refused submit lists what is missing; send-back asks for its reason and
 * discontinue for a confirmation, each in a dialog.
 */
export function LifecycleBar({
  productId,
  status,
  events,
  side,
}: {
  productId: string;
  status: ProductStatus;
  events: ProductEvent[];
  side: "seller" | "marketing";
}) {
  const t = useTranslations("sellerCentre.lifecycle");
  const tr = useTranslations("productReview");
  const explain = useProductErrors();
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [dialog, setDialog] = useState<"send_back" | "discontinue" | null>(null);
  const [reason, setReason] = useState("");
  const [busy, start] = useTransition();
  const { summary, fields, missing } = explain(failure);

  function take(event: ProductEvent) {
    // Only the dialog steps carry the reason typed into their dialog.
    const said = dialog === event && reason.trim() ? { reason: reason.trim() } : {};
    start(async () => {
      const out = await productStepAction(productId, STEP_NAME[event], said);
      if (!out.ok) return setFailure(out);
      setFailure(null);
      setDialog(null);
      setReason("");
      router.refresh();
    });
  }
  const label = (e: ProductEvent) =>
    e === "publish" && status === "paused" ? t("steps.republish") : t(`steps.${e}`);
  const open = (d: "send_back" | "discontinue") => {
    setFailure(null);
    setReason("");
    setDialog(d);
  };

  return (
    <div
      className="sticky bottom-0 z-20 -mx-4 mt-2 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_16px_-8px_rgba(15,23,42,0.15)] backdrop-blur sm:-mx-6 sm:px-6"
      data-testid="lifecycle-bar"
    >
      {missing.length > 0 || (summary && !dialog) ? (
        <div
          role="alert"
          className="mb-3 rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
        >
          {missing.length > 0 ? (
            <>
              <p className="font-semibold">{t("missingTitle")}</p>
              <ul className="mt-1 list-disc pl-5">
                {missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          ) : (
            summary
          )}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("current")}</span>
        <ProductStatusBadge status={status} size="md" />
        <p className="hidden min-w-0 flex-1 text-sm text-slate-600 md:block">
          {side === "seller" ? t(`hint.${status}`) : tr(`hint.${status}`)}
        </p>
        <div className="ml-auto flex flex-wrap gap-2">
          {events.map((e) =>
            e === "send_back" || e === "discontinue" ? (
              <Button
                key={e}
                type="button"
                variant={e === "discontinue" ? "ghost" : "secondary"}
                className={e === "discontinue" ? "text-red-700! hover:bg-red-50" : ""}
                disabled={busy}
                onClick={() => open(e)}
              >
                {label(e)}
              </Button>
            ) : (
              <Button
                key={e}
                type="button"
                variant={PRIMARY.has(e) ? "primary" : "secondary"}
                disabled={busy}
                onClick={() => take(e)}
              >
                {label(e)}
              </Button>
            ),
          )}
        </div>
      </div>

      {(["send_back", "discontinue"] as const).map((d) => (
        <Dialog
          key={d}
          open={dialog === d}
          onClose={() => setDialog(null)}
          title={d === "send_back" ? tr("sendBackTitle") : t("confirmDiscontinueTitle")}
          tone={d === "discontinue" ? "danger" : "default"}
        >
          <p className="text-sm text-slate-600">
            {d === "send_back" ? tr("sendBackText") : t("confirmDiscontinueText")}
          </p>
          <TextAreaField
            name={d === "send_back" ? "reason" : "discontinue-reason"}
            label={d === "send_back" ? tr("reason") : t("reasonOptional")}
            placeholder={d === "send_back" ? tr("reasonPlaceholder") : undefined}
            value={reason}
            maxLength={500}
            rows={d === "send_back" ? 4 : 2}
            required={d === "send_back"}
            onChange={(e) => {
              setReason(e.target.value);
              setFailure(null);
            }}
            error={fields.reason}
          />
          {summary && !fields.reason ? (
            <p role="alert" className="text-sm text-red-700">
              {summary}
            </p>
          ) : null}
          <DialogActions
            cancelLabel={t("keep")}
            onCancel={() => setDialog(null)}
            confirmLabel={d === "send_back" ? tr("sendBack") : t("confirm")}
            onConfirm={() => take(d)}
            busy={busy}
            tone={d === "discontinue" ? "danger" : "default"}
          />
        </Dialog>
      ))}
    </div>
  );
}
