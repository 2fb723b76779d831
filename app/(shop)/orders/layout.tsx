import { ClientMessages } from "@/components/shell/client-messages";

/** The messages the order pages' client components use. */
const NAMESPACES = ["common", "errors", "orders", "orderStatus"] as const;

export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={NAMESPACES}>{children}</ClientMessages>;
}
