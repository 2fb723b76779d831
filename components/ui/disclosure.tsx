"use client";

import { useState, type ReactNode } from "react";

/**
 * A `<details>` whose first state comes from the server but is the user's from then on. A server
 * component's `open={…}` would be re-applied on every refresh (a form's own success message closing
 * under the user's eyes when the page revalidates); here a refresh never moves it.
 */
export function Disclosure({
  initiallyOpen = false,
  className,
  summary,
  children,
}: {
  initiallyOpen?: boolean;
  className?: string;
  summary: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className={className} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {summary}
      {children}
    </details>
  );
}
