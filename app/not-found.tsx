import { NotFoundContent } from "@/components/layout/not-found-content";
import { Shell } from "@/components/layout/shell";
import { currentUser } from "@/lib/next/session";

/** An address that matches no screen: drawn in the frame here, since no layout of the portal is around it. */
export default async function NotFound() {
  const user = await currentUser();
  return (
    <Shell user={user}>
      <NotFoundContent />
    </Shell>
  );
}
