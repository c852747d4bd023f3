"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button, RowLink } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { annulOrderAction } from "../actions";

interface Row {
  code: string;
  requestedAt: string;
  seller: string;
  volume: number;
}

export function AnnulList({ orders, preselected }: { orders: Row[]; preselected?: string }) {
  const [confirming, setConfirming] = useState<string | null>(orders.some((o) => o.code === preselected) ? preselected! : null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function annul(code: string) {
    setPending(true);
    const outcome = await annulOrderAction(code);
    setPending(false);
    setConfirming(null);
    setResult(
      outcome.ok
        ? { tone: "success", text: `El Código de Autorización ${code} se encuentra en estado ANULADO.` }
        : { tone: "error", text: outcome.message },
    );
  }

  return (
    <div className="space-y-4">
      {result ? <Alert tone={result.tone}>{result.text}</Alert> : null}
      {confirming ? (
        <ConfirmDialog title="Anular orden de pedido" pending={pending} pendingLabel="Anulando…" onConfirm={() => annul(confirming)} onCancel={() => setConfirming(null)}>
          ¿Está seguro de anular el Código de Autorización <span className="font-mono font-bold">{confirming}</span>? Esta acción no se puede deshacer.
        </ConfirmDialog>
      ) : null}
      {orders.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">No tiene órdenes de pedido en estado SOLICITADO.</p>
      ) : (
        <Table caption="Órdenes en estado SOLICITADO">
          <thead>
            <tr>
              <th>Código de Autorización</th>
              <th>Fecha Pedido</th>
              <th>Vendedor</th>
              <th className="text-right">Volumen (gal)</th>
              <th>Opciones</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.code}>
                <td className="font-mono font-semibold">{order.code}</td>
                <td className="whitespace-nowrap">{formatLimaDateTime(new Date(order.requestedAt))}</td>
                <td>{order.seller}</td>
                <td className="text-right">{formatGallons(order.volume)}</td>
                <td>
                  <div className="flex flex-wrap items-center gap-3">
                    <RowLink href={`/ordenes/${order.code}`}>Ver Detalle</RowLink>
                    <Button variant="danger" className="px-3 py-1" onClick={() => setConfirming(order.code)} aria-label={`Anular ${order.code}`}>
                      Anular
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
