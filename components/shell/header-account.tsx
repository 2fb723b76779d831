"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import type { Role } from "@/lib/auth/actor";
import { navFor } from "@/lib/auth/nav";
import { SignOutButton } from "./sign-out-button";

/** Who is signed in, as /api/auth/session says: `undefined` while it is asked, `null` for a guest. */
type Account = { name: string; role: Role } | null | undefined;

export type HeaderLabels = {
  brand: string;
  main: string;
  signIn: string;
  signUp: string;
  signOut: string;
  /** The `nav` labels, by key. */
  nav: Record<string, string>;
  /** The role names, by role. */
  roles: Record<Role, string>;
};

/**
 * The session-dependent part of the header (the brand's link, the role's menu, the account), drawn
 * in the browser from /api/auth/session (`children`, the language switch, sits before the account), so that the server renders every page the same for
 * everyone and the catalog under it can be cached. It asks again on every navigation (a sign-in
 * moves to another page); the strings come translated from the server.
 */
export function HeaderAccount({ labels, children }: { labels: HeaderLabels; children?: React.ReactNode }) {
  const pathname = usePathname();
  const [account, setAccount] = useState<Account>(undefined);
  useEffect(() => {
    let live = true;
    fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user?: { name?: string; role?: Role } } | null) => {
        if (!live) return;
        const user = s?.user;
        setAccount(user?.role ? { name: user.name ?? "", role: user.role } : null);
      })
      .catch(() => live && setAccount(null));
    return () => {
      live = false;
    };
  }, [pathname]);

  const items = navFor(account?.role ?? null);
  return (
    <>
      <Link href={account ? items[0]!.href : "/"} className="flex items-center gap-2 font-bold text-ink">
        <span className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm text-white">H</span>
        <span className="text-lg tracking-tight">{labels.brand}</span>
      </Link>
      <nav aria-label={labels.main} className="flex flex-1 items-center gap-1 overflow-x-auto">
        {items.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-ink"
          >
            {labels.nav[item.label]}
          </Link>
        ))}
      </nav>
      <div className="flex items-center gap-3">
        {children}
        {account === undefined ? (
          // Asking: room kept for the account's buttons, so the header does not jump.
          <div className="h-9 w-36" aria-hidden="true" />
        ) : account ? (
          <div className="flex items-center gap-3">
            <span className="hidden text-sm text-slate-600 md:inline" data-testid="signed-in-as">
              {account.name} · {labels.roles[account.role]}
            </span>
            <SignOutButton label={labels.signOut} />
          </div>
        ) : (
          <div className="flex items-center gap-2">
            <Link
              href="/signin"
              className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              {labels.signIn}
            </Link>
            <Link
              href="/signup"
              className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              {labels.signUp}
            </Link>
          </div>
        )}
      </div>
    </>
  );
}
