"use client";
import { ErrorScreen } from "@/components/errors/error-screen";

/** An unexpected error outside the portal's frame (sign-in, account pages), with the code to quote. */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="contenido" className="mx-auto w-full max-w-6xl px-4 py-6">
      <p className="mb-4 text-lg font-bold text-scop-800">SCOP GLP</p>
      <ErrorScreen error={error} retry={retry} />
    </main>
  );
}
