"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { resendDeliveryAction } from "../actions";

interface Attempt {
  at: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  manual: boolean;
}

interface Delivery {
  id: number;
  messageId: string;
  type: string;
  orderCode: string | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  attemptLog: Attempt[];
}

const STATUS_LABELS: Record<string, string> = { PENDIENTE: "Pendiente", ENTREGADO: "Entregado", FALLIDO: "Fallido" };

export function DeliveryLog({ endpointId, deliveries }: { endpointId: number; deliveries: Delivery[] }) {
  const router = useRouter();
  const [pending, setPending] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function resend(delivery: Delivery) {
    setPending(delivery.id);
    setMessage(null);
    try {
      const result = await resendDeliveryAction(endpointId, delivery.id);
      if (!result.ok) setMessage({ tone: "error", text: result.message });
      else if (result.data.delivered) setMessage({ tone: "success", text: `${delivery.messageId} reenviado: HTTP ${result.data.statusCode} en ${result.data.latencyMs} ms.` });
      else setMessage({ tone: "error", text: `${delivery.messageId} no se entregó: ${result.data.error}` });
      router.refresh();
    } catch {
      setMessage({ tone: "error", text: "No se pudo comunicar con el servidor. Intente nuevamente." });
    } finally {
      setPending(null);
    }
  }

  if (deliveries.length === 0) return <p className="rounded-md border border-slate-200 bg-white p-4">Aún no hay entregas para este webhook.</p>;
  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Table caption="Registro de entregas del webhook">
        <thead>
          <tr>
            <th scope="col">Fecha</th>
            <th scope="col">Evento</th>
            <th scope="col">Orden</th>
            <th scope="col">Estado</th>
            <th scope="col">HTTP</th>
            <th scope="col">Latencia</th>
            <th scope="col">Intentos</th>
            <th scope="col">Opciones</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td className="whitespace-nowrap">{delivery.createdAt}</td>
              <td>
                {delivery.type}
                <span className="block font-mono text-xs text-slate-600">{delivery.messageId}</span>
              </td>
              <td className="font-mono">{delivery.orderCode ? <Link href={`/ordenes/${delivery.orderCode}`} className="underline">{delivery.orderCode}</Link> : "—"}</td>
              <td>
                {STATUS_LABELS[delivery.status] ?? delivery.status}
                {delivery.deliveredAt ? <span className="block text-xs text-slate-600">{delivery.deliveredAt}</span> : null}
                {delivery.nextAttemptAt ? <span className="block text-xs text-slate-600">Próximo intento: {delivery.nextAttemptAt}</span> : null}
              </td>
              <td>{delivery.lastStatusCode ?? "—"}</td>
              <td className="whitespace-nowrap">{delivery.lastLatencyMs !== null ? `${delivery.lastLatencyMs} ms` : "—"}</td>
              <td>
                {delivery.attemptLog.length ? (
                  <details>
                    <summary className="cursor-pointer">{delivery.attempts}</summary>
                    <ul className="mt-1 space-y-1 text-xs">
                      {delivery.attemptLog.map((attempt, index) => (
                        <li key={index}>
                          {attempt.at}: {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : "sin respuesta"}, {attempt.latencyMs} ms
                          {attempt.manual ? " (reenvío)" : ""}
                          {attempt.error ? ` — ${attempt.error}` : ""}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  delivery.attempts
                )}
                {delivery.lastError && delivery.status !== "ENTREGADO" ? <span className="block max-w-xs break-words text-xs text-red-800">{delivery.lastError}</span> : null}
              </td>
              <td>
                <Button variant="secondary" className="px-3 py-1" disabled={pending !== null} onClick={() => resend(delivery)} aria-label={`Reenviar ${delivery.messageId}`}>
                  {pending === delivery.id ? "Reenviando…" : "Reenviar"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
