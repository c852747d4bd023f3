"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { CHECK_THE_DATA, CONNECTION_LOST, useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { ACTIVITY_LABELS, CONSTATACION_ACTIVITIES, type ConstatacionActivity } from "@/lib/constataciones/activities";
import type { ConstatacionInput } from "@/lib/constataciones/schema";
import { fieldErrorsOf } from "@/lib/field-errors";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { formatLimaDateTime, limaDateTimeInputToIso } from "@/lib/lima-clock";
import { recordConstatacionAction } from "./actions";

const schemas = lazy(() => import("@/lib/constataciones/schema"));

const FIELD_IDS = new Set(["observedAt", "plate", "place", "activity", "observations"]);
/** The summary links each error to its control ("activity": the first choice); the code is the page's, not a field. */
const fieldId = (key: string) => (FIELD_IDS.has(key) ? key : undefined);

interface Recorded {
  orderState: OrderState | null;
  observedAt: string;
  activity: ConstatacionActivity;
}

/**
 * "Registrar constatación", on site from a phone: when (default now, Lima), where, the plate seen
 * and what the truck was doing. The server stores the order's state at that instant.
 */
export function ConstatacionForm({ code, now }: { code: string; now: string }) {
  const router = useRouter();
  const [observedAt, setObservedAt] = useState(now);
  const [place, setPlace] = useState("");
  const [plate, setPlate] = useState("");
  const [activity, setActivity] = useState<ConstatacionActivity | "">("");
  const [observations, setObservations] = useState("");
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const action = useActionSubmit();
  const { pending, errors } = action;

  // Left at its default ("now"), the time is not sent: the server takes the exact moment of the record.
  const input = (): Omit<ConstatacionInput, "activity"> & { activity?: ConstatacionActivity } => ({
    code,
    observedAt: observedAt === now ? undefined : (limaDateTimeInputToIso(observedAt) ?? observedAt),
    place,
    plate,
    activity: activity || undefined,
    observations,
  });

  async function record(event: React.FormEvent) {
    event.preventDefault();
    let schema: Awaited<ReturnType<typeof schemas>>["constatacionSchema"];
    try {
      schema = (await schemas()).constatacionSchema;
    } catch {
      return action.refuse(CONNECTION_LOST, errors);
    }
    const parsed = schema.safeParse(input());
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
    if (!limaDateTimeInputToIso(observedAt)) found.observedAt = ["Ingrese la fecha y hora de la constatación."];
    if (Object.keys(found).length) return action.refuse(CHECK_THE_DATA, found);
    action.setErrors({});
    await action.submit(
      // the shared schema has just accepted it, the activity included
      () => recordConstatacionAction(input() as ConstatacionInput),
      (data) => {
        setRecorded({ orderState: data.orderState, observedAt: data.observedAt, activity: activity as ConstatacionActivity });
        setPlace("");
        setPlate("");
        setActivity("");
        setObservations("");
        router.refresh();
      },
    );
  }

  const offence = recorded?.activity === "DESCARGANDO" && recorded.orderState === "SOLICITADO";
  return (
    <form onSubmit={record} onFocus={() => void schemas().catch(() => undefined)} noValidate className="space-y-4">
      {recorded ? (
        <Alert tone={offence ? "warning" : "success"} title="Constatación registrada.">
          {recorded.orderState
            ? `A las ${formatLimaDateTime(new Date(recorded.observedAt))} la orden ${code} estaba en estado ${STATE_LABELS[recorded.orderState]}.`
            : `A las ${formatLimaDateTime(new Date(recorded.observedAt))} la orden ${code} aún no estaba registrada.`}
          {offence ? " La cisterna descargaba con la orden en SOLICITADO: queda como incumplimiento del vendedor en Cumplimiento." : ""}
        </Alert>
      ) : null}
      <ErrorSummary action={action} fieldId={fieldId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="observedAt" label="Fecha y hora" hint="Hora de Lima; por omisión, ahora." errors={errors.observedAt}>
          <input type="datetime-local" value={observedAt} onChange={(event) => setObservedAt(event.target.value)} max={now} className={inputClass} {...describedBy("observedAt", errors.observedAt, true)} />
        </Field>
        <Field id="plate" label="Placa que vio" hint="Por ejemplo F1X-710." errors={errors.plate}>
          <input
            value={plate}
            onChange={(event) => setPlate(event.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} font-mono uppercase`}
            {...describedBy("plate", errors.plate, true)}
          />
        </Field>
      </div>
      <Field id="place" label="Lugar" hint="Establecimiento, dirección o vía." errors={errors.place}>
        <input value={place} onChange={(event) => setPlace(event.target.value)} autoComplete="off" className={inputClass} {...describedBy("place", errors.place, true)} />
      </Field>
      <fieldset aria-describedby={errors.activity ? "activity-error" : undefined}>
        <legend className="text-sm font-semibold text-slate-800">Lo que vio</legend>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
          {CONSTATACION_ACTIVITIES.map((option, index) => (
            <label key={option} className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 sm:border-0 sm:px-0">
              <input
                // the error summary's link to this question lands on its first choice
                id={index === 0 ? "activity" : undefined}
                type="radio"
                name="activity"
                value={option}
                checked={activity === option}
                onChange={() => setActivity(option)}
                className="h-5 w-5"
              />
              {ACTIVITY_LABELS[option]}
            </label>
          ))}
        </div>
        {errors.activity ? (
          <p id="activity-error" className="mt-1 text-sm text-red-700">
            {errors.activity.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Field id="observations" label="Observaciones (opcional)" errors={errors.observations}>
        <textarea value={observations} onChange={(event) => setObservations(event.target.value)} rows={2} className={inputClass} {...describedBy("observations", errors.observations)} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? "Registrando…" : "Registrar constatación"}
      </Button>
    </form>
  );
}
