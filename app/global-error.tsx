"use client";
import "./globals.css";
import { ErrorScreen } from "@/components/errors/error-screen";

/** An error in the root layout itself: this replaces the whole document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="es-PE">
      <body className="min-h-screen font-sans">
        <title>Error · SCOP GLP</title>
        <main id="contenido" className="mx-auto w-full max-w-6xl px-4 py-6">
          <p className="mb-4 text-lg font-bold text-scop-800">SCOP GLP</p>
          <ErrorScreen error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
