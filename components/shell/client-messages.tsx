import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

type Messages = Record<string, unknown>;

/**
 * The messages under these namespaces (`"cart"`, or a nested one as `"catalog.product"`), and
 * nothing else: what one client island needs of the request's messages.
 */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) {
    const path = ns.split(".");
    let from: unknown = messages;
    for (const key of path) from = (from as Messages | undefined)?.[key];
    if (from === undefined) throw new Error(`No messages under "${ns}".`);
    let into = out;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Messages;
    into[path.at(-1)!] = from;
  }
  return out;
}

/**
 * Hands the client components below only these namespaces of the messages (a provider replaces the
 * one above it, so list every namespace the subtree's client components use). The root layout hands
 * none: every string a server component renders stays on the server, and the shop's home page ships
 * no messages at all.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly string[];
  children: React.ReactNode;
}) {
  const messages = pickMessages((await getMessages()) as Messages, namespaces);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
