import { ClientMessages } from "@/components/shell/client-messages";

/** The messages the checkout's client components use. */
const NAMESPACES = ["common", "errors", "checkout", "orderEta", "orderRegions", "orders"] as const;

export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={NAMESPACES}>{children}</ClientMessages>;
}
