import { NotFoundContent } from "@/components/layout/not-found-content";

/** notFound() inside the portal (an order or agent that is not there, or not the user's): the portal's layout already draws the frame. */
export default function PortalNotFound() {
  return <NotFoundContent />;
}
