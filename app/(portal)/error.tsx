"use client";
import { ErrorScreen } from "@/components/errors/error-screen";

/** An unexpected error in a portal screen: shown inside the portal's frame, with the code to quote. */
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} />;
}
