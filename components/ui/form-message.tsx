import type { ReactNode } from "react";

/**
 * A form's outcome under its fields: a success is a polite `status`, a failure an `alert` (read out at
 * once). Nothing is drawn without text.
 */
export function FormMessage({
  tone,
  children,
  className = "",
}: {
  tone: "ok" | "error";
  children: ReactNode;
  className?: string;
}) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return tone === "ok" ? (
    <p role="status" className={`rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ${className}`}>
      {children}
    </p>
  ) : (
    <p role="alert" className={`rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ${className}`}>
      {children}
    </p>
  );
}
