import { ClientMessages } from "@/components/shell/client-messages";

/** The messages the sign-in and sign-up forms use on the client. */
const NAMESPACES = ["auth", "errors"] as const;

export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={NAMESPACES}>{children}</ClientMessages>;
}
