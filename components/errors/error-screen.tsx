"use client";
import { useEffect, useState } from "react";
import { onRequestId, requestIdBefore, trackRequestIds } from "./request-ids";

/**
 * The id of the request that failed: the last one that started before this screen appeared.
 * Its response may still be arriving (the error can show before the body ends), so the id may
 * come a moment later.
 */
function useFailedRequestId(): string | null {
  const [shownAt] = useState(() => (typeof performance === "undefined" ? 0 : performance.now()));
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    trackRequestIds();
    const update = () => setId(requestIdBefore(shownAt));
    update();
    return onRequestId(update);
  }, [shownAt]);
  return id;
}

/**
 * What every error screen shows: what happened, the code to quote, and the ways on. The ways on
 * are plain links: after an error a whole new page is the surer way out, and next/link would put
 * its router code a second and third time into the error boundaries' chunks, which every page
 * downloads (issue 16: JavaScript per page).
 */
export function ErrorScreen({ error, retry }: { error: unknown; retry?: () => void }) {
  const requestId = useFailedRequestId();
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : null;
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold text-scop-800">Ocurrió un error</h1>
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p className="font-semibold">No se pudo completar la operación por un error del sistema.</p>
        <p className="mt-1">Intente nuevamente. Si el problema persiste, comuníquese con el Centro de Control SCOP e indique este código:</p>
        <p className="mt-3">
          Código de referencia:{" "}
          <strong className="font-mono text-base" data-testid="codigo-referencia">
            {requestId ?? digest ?? "no disponible"}
          </strong>
        </p>
        {requestId && digest ? <p className="mt-1 text-xs text-red-800">Identificador del error: <span className="font-mono">{digest}</span></p> : null}
      </div>
      <div className="flex flex-wrap gap-3">
        {retry ? (
          <button type="button" onClick={() => retry()} className="inline-flex items-center justify-center rounded-md bg-scop-700 px-4 py-2 text-sm font-semibold text-white hover:bg-scop-800">
            Intentar nuevamente
          </button>
        ) : null}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a whole new page after an error, on purpose (see above) */}
        <a href="/" className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">
          Ir al inicio
        </a>
        <a href="/contacto" className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">
          Contacto
        </a>
      </div>
    </div>
  );
}
