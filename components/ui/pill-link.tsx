import Link from "next/link";

/**
 * One of a row of links that choose what a page shows (a period, a status, a place): the current one
 * is filled and marked `aria-current="page"`.
 */
export function PillLink({
  href,
  current,
  children,
}: {
  href: string;
  current: boolean;
  children: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-full px-3 py-1.5 text-sm font-medium ring-1 transition ${current ? "bg-ink text-white ring-ink" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50"}`}
    >
      {children}
    </Link>
  );
}
