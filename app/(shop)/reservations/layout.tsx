import { ClientMessages } from "@/components/shell/client-messages";

/** The messages the reservation pages' client components use. */
const NAMESPACES = ["common", "errors", "reservations"] as const;

export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={NAMESPACES}>{children}</ClientMessages>;
}
