import { FulfilmentQueuePage } from "@/app/(staff)/_fulfilment/queue-page";
import type { PageSearch } from "@/app/(staff)/_pages";

export { generateMetadata } from "@/app/(staff)/_fulfilment/queue-page";

export default function Page({ searchParams }: { searchParams: PageSearch }) {
  return <FulfilmentQueuePage role="marketing" searchParams={searchParams} />;
}
