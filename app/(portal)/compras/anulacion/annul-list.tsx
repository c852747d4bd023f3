"use client";

import { useEffect, useRef, useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button, RowLink } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import { formatLimaDateTime } from "@/lib/lima-clock";
import { formatGallons } from "@/lib/volume";
import { annulOrderAction } from "../actions";

interface Row {
  code: string;
  requestedAt: string;
  seller: string;
  volume: number;
}

/** The SOLICITADO orders with their "Anular", each confirmed in a modal dialog. */
export function AnnulList({ orders, preselected, empty }: { orders: Row[]; preselected?: string; empty: string }) {
  const [confirming, setConfirming] = useState<string | null>(orders.some((o) => o.code === preselected) ? preselected! : null);
  const [annulled, setAnnulled] = useState<string | null>(null);
  const action = useActionSubmit();
  const done = useRef<HTMLDivElement>(null);

  // The row (and its button) is gone once annulled: the focus goes to the confirmation instead.
  useEffect(() => {
    if (annulled) done.current?.focus();
  }, [annulled]);

  async function annul(code: string) {
    setAnnulled(null);
    await action.submit(
      () => annulOrderAction(code),
      () => setAnnulled(code),
      () => setConfirming(null),
    );
  }

  return (
    <div className="space-y-4">
      {annulled ? (
        <div ref={done} tabIndex={-1} className="outline-none">
          <Alert tone="success">El Código de Autorización {annulled} se encuentra en estado ANULADO.</Alert>
        </div>
      ) : null}
      <ErrorSummary action={action} />
      {confirming ? (
        <ConfirmDialog title="Anular orden de pedido" pending={action.pending} pendingLabel="Anulando…" onConfirm={() => void annul(confirming)} onCancel={() => setConfirming(null)}>
          ¿Está seguro de anular el Código de Autorización <span className="font-mono font-bold">{confirming}</span>? Esta acción no se puede deshacer.
        </ConfirmDialog>
      ) : null}
      {orders.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">{empty}</p>
      ) : (
        <Table caption="Órdenes en estado SOLICITADO" layout="cards">
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
                <Cell label="Código de Autorización" className="font-mono font-semibold">
                  {order.code}
                </Cell>
                <Cell label="Fecha Pedido" className="whitespace-nowrap">
                  {formatLimaDateTime(new Date(order.requestedAt))}
                </Cell>
                <Cell label="Vendedor">{order.seller}</Cell>
                <Cell label="Volumen (gal)" className="text-right">
                  {formatGallons(order.volume)}
                </Cell>
                <Cell label="">
                  <div className="flex flex-wrap items-center gap-3">
                    <RowLink href={`/ordenes/${order.code}`}>Ver Detalle</RowLink>
                    <Button variant="danger" className="px-3 py-1" onClick={() => setConfirming(order.code)} aria-label={`Anular ${order.code}`}>
                      Anular
                    </Button>
                  </div>
                </Cell>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
