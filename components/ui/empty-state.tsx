import Link from "next/link";
import type { ReactNode } from "react";

/** The look of a link that is the page's main way on (a button to the eye). */
export const primaryLinkClass =
  "inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700";

/**
 * What a page or a list shows when it has nothing to show: a title, an optional hint, and the one
 * link that helps (back to the shop, clear the filters, …).
 */
export function EmptyState({
  title,
  hint,
  action,
  icon,
  heading = false,
  testId,
}: {
  title: ReactNode;
  hint?: ReactNode;
  action?: { href: string; label: ReactNode };
  icon?: ReactNode;
  /** The page's own heading (a 404 page), rather than a paragraph under one. */
  heading?: boolean;
  testId?: string;
}) {
  const Title = heading ? "h1" : "p";
  return (
    <div
      className="rounded-2xl border border-slate-200 bg-white px-6 py-16 text-center shadow-sm"
      data-testid={testId}
    >
      {icon}
      <Title className="text-lg font-bold text-ink">{title}</Title>
      {hint ? <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{hint}</p> : null}
      {action ? (
        <Link href={action.href} className={`mt-6 ${primaryLinkClass}`}>
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
