"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button";

/**
 * A modal dialog on the browser's own <dialog> (focus kept inside, Escape closes, the page behind
 * inert). Open while `open`; `onClose` is called on Escape and on the close button.
 */
export function Dialog({
  open,
  onClose,
  title,
  tone = "default",
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  tone?: "default" | "danger";
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-ink shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="flex flex-col gap-4 p-6">
          <h2 id={titleId} className={`text-lg font-bold ${tone === "danger" ? "text-red-700" : "text-ink"}`}>
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A dialog's closing row: "cancel" on the left of the one action it asks for. */
export function DialogActions({
  cancelLabel,
  onCancel,
  confirmLabel,
  onConfirm,
  busy,
  tone = "default",
}: {
  cancelLabel: string;
  onCancel: () => void;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  tone?: "default" | "danger";
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button type="button" variant="ghost" onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </Button>
      <Button
        type="button"
        variant={tone === "danger" ? "danger" : "primary"}
        onClick={onConfirm}
        disabled={busy}
      >
        {confirmLabel}
      </Button>
    </div>
  );
}
