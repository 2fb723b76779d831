import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NotFound } from "@/lib/errors";

/** For pages: a thing that is NotFound (unknown, or not this visitor's to see) renders the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

/**
 * A page's `generateMetadata` whose title is one message of the UI's language:
 * `export const generateMetadata = titleFrom("cart")` (key `title`), or `titleFrom("auth", "signIn")`.
 */
export function titleFrom(namespace: string, key = "title") {
  return async () => ({ title: (await getTranslations(namespace))(key) });
}
