"use client";

/**
 * The public verification page's form and answers (phone first). A code's answer is checked here,
 * in the browser, against the log's signed checkpoint: the facts shown are the ones the verified
 * leaves hold.
 */
import { useCallback, useEffect, useState } from "react";
import { StateBadge } from "@/components/order/state-badge";
import { RegistryStatusBadge } from "@/components/registry/registry-status-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { browserEd25519Verify, browserSha256, ed25519Implementation } from "@/lib/log/browser-crypto";
import { parseVerifierKey } from "@/lib/log/note";
import { EVENT_LABELS, type MovementEvent } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { formatLimaDateTime } from "@/lib/lima-clock";
import { checkCodeAnswer, type AnswerCheck } from "@/lib/verification/check-answer";
import type { PublicCodeAnswer, PublicParty, PublicPlateAnswer } from "@/lib/verification/public-lookup";
import { QrScanner } from "./qr-scanner";

type Mode = "codigo" | "placa";

const PLATE = /^([A-Z0-9]{3})-?([A-Z0-9]{3})$|^([A-Z]{2})-?(\d{4})$/;

/** What a scanned QR holds: a portal link with ?codigo= (or ?code=), a bare code, or a plate. */
export function readScannedText(text: string): { mode: Mode; value: string } | null {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    const code = url.searchParams.get("codigo") ?? url.searchParams.get("code");
    if (code) return { mode: "codigo", value: code.replace(/\D/g, "") };
    const plate = url.searchParams.get("placa");
    if (plate) return { mode: "placa", value: plate };
  } catch {
    // not a link
  }
  const digits = /\b\d{11}\b/.exec(trimmed);
  if (digits) return { mode: "codigo", value: digits[0] };
  if (PLATE.test(trimmed.toUpperCase().replace(/\s/g, ""))) return { mode: "placa", value: trimmed.toUpperCase() };
  return null;
}

function Party({ label, party }: { label: string; party: PublicParty }) {
  return (
    <div className="border-t border-slate-100 py-2 first:border-t-0">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5">
        <span className="font-semibold text-slate-900">{party.businessName}</span>
        <span className="block text-sm text-slate-600">
          {AGENT_TYPE_LABELS[party.type as AgentType] ?? party.type} · Registro N° {party.registryNumber} · <RegistryStatusBadge status={party.registryStatus} />
        </span>
      </dd>
    </div>
  );
}

function IntegrityBox({ check }: { check: AnswerCheck | "VERIFICANDO" }) {
  if (check === "VERIFICANDO") {
    return (
      <Alert tone="info" title="Verificando en su teléfono…">
        Se comprueba la firma del registro y que cada dato esté en él.
      </Alert>
    );
  }
  if (check.status === "FALLIDO") {
    return (
      <Alert tone="error" title="✗ Los datos NO coinciden con el registro firmado">
        {check.reason}. No confíe en esta respuesta y avise a Osinergmin.
      </Alert>
    );
  }
  if (check.status === "SIN_PRUEBAS") {
    return (
      <Alert tone="warning" title="Aún sin prueba del registro firmado">
        Los movimientos recientes se incorporan al registro firmado en unos segundos. Vuelva a consultar en un momento.
      </Alert>
    );
  }
  const { checkpoint, signedBy } = check.verified;
  return (
    <Alert tone="success" title="✓ Verificado en el registro firmado">
      <p>
        Estos datos están en el registro de movimientos de {checkpoint.size.toLocaleString("es-PE")} hojas firmado por <span className="font-mono">{signedBy}</span>{" "}
        ({check.leaves} hojas comprobadas en su teléfono, firma Ed25519 con {ed25519Implementation}).
      </p>
      {check.pending ? <p className="mt-1">{check.pending} movimiento(s) reciente(s) se incorporan en unos segundos.</p> : null}
    </Alert>
  );
}

function CodeAnswer({ answer, vkey }: { answer: PublicCodeAnswer; vkey: string }) {
  const [check, setCheck] = useState<AnswerCheck | "VERIFICANDO">("VERIFICANDO");
  useEffect(() => {
    let cancelled = false;
    checkCodeAnswer(browserSha256, browserEd25519Verify, answer, [parseVerifierKey(browserSha256, vkey)])
      .then((result) => !cancelled && setCheck(result))
      .catch((error: Error) => !cancelled && setCheck({ status: "FALLIDO", reason: error.message }));
    return () => {
      cancelled = true;
    };
  }, [answer, vkey]);

  if (!answer.order) {
    return (
      <Alert tone="error" title={`El código ${answer.code} no es una orden de pedido del SCOP GLP.`}>
        {answer.code.length === 11 && !answer.checkDigitValid
          ? "Su dígito verificador no coincide: probablemente está mal escrito. Revíselo."
          : "No corresponde a ninguna orden de pedido registrada: el GLP a granel que ampare no tiene una orden válida."}
      </Alert>
    );
  }
  const order = answer.order;
  return (
    <div className="space-y-4" data-testid="respuesta-codigo">
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">Código de Autorización</p>
        <p className="font-mono text-2xl font-bold tracking-wider">{answer.code}</p>
        <p className="mt-1 text-sm font-semibold text-green-800">Es una orden de pedido del SCOP GLP.</p>
        <p className="mt-3 text-sm text-slate-600">Estado actual</p>
        <p className="mt-1 [&>span]:px-3 [&>span]:py-1 [&>span]:text-lg">
          <StateBadge state={order.state} />
        </p>
      </section>
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <h2 className="text-base font-semibold text-scop-800">Agentes</h2>
        <dl className="mt-2">
          <Party label="Vendedor" party={order.seller} />
          <Party label="Comprador" party={order.buyer} />
          {order.plant ? <Party label="Planta de abastecimiento" party={order.plant} /> : null}
        </dl>
      </section>
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <h2 className="text-base font-semibold text-scop-800">Movimientos (hora de Lima)</h2>
        <ol className="mt-2 space-y-1">
          {order.movements.map((movement, i) => (
            <li key={i} className="flex flex-wrap justify-between gap-x-3 border-t border-slate-100 py-1 first:border-t-0">
              <span className="font-semibold">{EVENT_LABELS[movement.event as MovementEvent] ?? movement.event}</span>
              <span className="tabular-nums text-slate-700">{formatLimaDateTime(new Date(movement.occurredAt))}</span>
            </li>
          ))}
        </ol>
      </section>
      <IntegrityBox check={check} />
      {check !== "VERIFICANDO" && check.status === "VERIFICADO" ? (
        <details className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-semibold">Detalle técnico de la prueba</summary>
          <p className="mt-2">Hojas: {check.verified.leaves.map((leaf) => leaf.index).join(", ")}. Clave de verificación:</p>
          <p className="font-mono text-xs break-all">{vkey}</p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{answer.evidence?.checkpoint}</pre>
        </details>
      ) : null}
    </div>
  );
}

function PlateAnswer({ answer, onCode }: { answer: PublicPlateAnswer; onCode: (code: string) => void }) {
  const fromLots = answer.registrySource === "LOTES";
  return (
    <div className="space-y-4" data-testid="respuesta-placa">
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">Placa</p>
        <p className="font-mono text-2xl font-bold tracking-wider">{answer.plate}</p>
        {answer.truck === null ? (
          <p className="mt-2 font-semibold text-red-800">
            {fromLots ? "No figura en ningún lote de órdenes del SCOP GLP." : "No está registrada como camión tanque."}
          </p>
        ) : fromLots ? (
          <p className="mt-2 text-sm text-slate-700">
            Figura en lotes de órdenes del SCOP GLP. El registro de camiones tanque aún no está disponible en este portal: su estado (VIGENTE o no) no
            puede consultarse aquí todavía.
          </p>
        ) : (
          <p className="mt-2">
            Camión tanque registrado{answer.truck.registryNumber ? ` (N° ${answer.truck.registryNumber})` : ""}:{" "}
            {answer.truck.status ? <RegistryStatusBadge status={answer.truck.status} /> : "estado desconocido"}
          </p>
        )}
      </section>
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <h2 className="text-base font-semibold text-scop-800">{answer.openLots.length > 1 ? "Lotes abiertos de hoy" : "Lote abierto de hoy"}</h2>
        {answer.openLots.length === 0 ? (
          <p className="mt-2 text-slate-700">No tiene un lote vendido o despachado hoy con la orden aún abierta.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {answer.openLots.map((lot) => (
              <li key={lot.code} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <span className="font-mono text-lg font-bold">{lot.code}</span>{" "}
                  <span className="text-sm text-slate-700">
                    {lot.event === "DESPACHADO" ? "despachado" : "vendido"} {formatLimaDateTime(new Date(lot.at)).slice(-8)} · <StateBadge state={lot.state} />
                  </span>
                </span>
                {/* the code in the name tells a screen reader's list of buttons apart; the name starts with the visible words */}
                <Button variant="secondary" aria-label={`Verificar este código ${lot.code}`} onClick={() => onCode(lot.code)}>
                  Verificar este código
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function PublicVerifier({ vkey, initial }: { vkey: string; initial: { mode: Mode; value: string } | null }) {
  const [mode, setMode] = useState<Mode>(initial?.mode ?? "codigo");
  const [text, setText] = useState(initial?.value ?? "");
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [codeAnswer, setCodeAnswer] = useState<PublicCodeAnswer | null>(null);
  const [plateAnswer, setPlateAnswer] = useState<PublicPlateAnswer | null>(null);
  // each answer gets a fresh verification (CodeAnswer is keyed by it)
  const [lookups, setLookups] = useState(0);

  const look = useCallback(async (lookMode: Mode, raw: string) => {
    setError(null);
    setCodeAnswer(null);
    setPlateAnswer(null);
    const value = lookMode === "codigo" ? raw.replace(/[\s-]/g, "") : raw.trim().toUpperCase().replace(/\s/g, "");
    if (lookMode === "codigo" && !/^\d{6,20}$/.test(value)) {
      setError("Ingrese el Código de Autorización: 11 dígitos.");
      return;
    }
    // An 11-digit code whose check digit fails is still asked for: a code of the legacy SCOP has no
    // check digit and is found by exact match (the answer then says the code is probably mistyped).
    if (lookMode === "placa" && !PLATE.test(value)) {
      setError("Ingrese la placa de la cisterna, por ejemplo ABC-123.");
      return;
    }
    setLoading(true);
    try {
      const response = await fetch(`/api/verificacion/${lookMode}/${encodeURIComponent(value)}`);
      const body = await response.json();
      if (!response.ok) {
        setError(body.detail ?? "No se pudo consultar. Intente de nuevo.");
        return;
      }
      setLookups((count) => count + 1);
      if (lookMode === "codigo") setCodeAnswer(body);
      else setPlateAnswer(body);
      window.history.replaceState(null, "", `?${lookMode}=${encodeURIComponent(value)}`);
    } catch {
      setError("No se pudo conectar con el portal. Revise su conexión e intente de nuevo.");
    } finally {
      setLoading(false);
    }
  }, []);

  // a link with ?codigo= or ?placa= (a constancia's QR) is looked up as soon as the page opens
  useEffect(() => {
    if (!initial) return;
    const timer = setTimeout(() => void look(initial.mode, initial.value), 0);
    return () => clearTimeout(timer);
  }, [initial, look]);

  const choose = (next: Mode, value = "") => {
    setMode(next);
    setText(value);
    setError(null);
    setCodeAnswer(null);
    setPlateAnswer(null);
  };

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Qué verificar" className="grid grid-cols-2 rounded-md border border-slate-300 bg-white p-1">
        {(["codigo", "placa"] as const).map((option) => (
          <button
            key={option}
            role="tab"
            type="button"
            aria-selected={mode === option}
            onClick={() => choose(option)}
            className={`rounded px-3 py-2 text-sm font-semibold ${mode === option ? "bg-scop-700 text-white" : "text-slate-700"}`}
          >
            {option === "codigo" ? "Código de Autorización" : "Placa de cisterna"}
          </button>
        ))}
      </div>
      <form
        noValidate
        className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          void look(mode, text);
        }}
      >
        <label htmlFor="verificar-valor" className="text-sm font-semibold text-slate-800">
          {mode === "codigo" ? "Código de Autorización" : "Placa de la cisterna"}
        </label>
        <input
          id="verificar-valor"
          value={text}
          onChange={(event) => setText(event.target.value)}
          inputMode={mode === "codigo" ? "numeric" : "text"}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={24}
          placeholder={mode === "codigo" ? "11 dígitos" : "ABC-123"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "verificar-error" : undefined}
          className={`${inputClass} font-mono text-xl tracking-wider`}
        />
        {error ? (
          <p id="verificar-error" role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <Button type="submit" className="w-full py-3 text-base" disabled={loading}>
          {loading ? "Consultando…" : "Verificar"}
        </Button>
        <QrScanner
          onText={(scanned) => {
            const read = readScannedText(scanned);
            if (!read) {
              setError("El código QR no contiene un Código de Autorización ni una placa.");
              return;
            }
            choose(read.mode, read.value);
            void look(read.mode, read.value);
          }}
        />
      </form>
      {codeAnswer ? <CodeAnswer key={lookups} answer={codeAnswer} vkey={vkey} /> : null}
      {plateAnswer ? <PlateAnswer answer={plateAnswer} onCode={(code) => (choose("codigo", code), void look("codigo", code))} /> : null}
    </div>
  );
}
