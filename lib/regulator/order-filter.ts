/**
 * The regulator's "Movimientos" filter: date range, where the buyer is, which agent (either party,
 * by name, RUC or registry number), agent type, state, code and the plate of a truck that carried
 * a lot (as sold or as dispatched); newest or oldest first.
 */
import { authorizationCodeSchema } from "@/lib/authorization-code/schema";
import { plateSchema } from "@/lib/orders/schemas";
import { ORDER_STATES } from "@/lib/orders/states";
import { AGENT_TYPES } from "@/lib/registry/agent-types";
import { isLimaDay } from "@/lib/time";
import { z } from "@/lib/validation";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, { message: `Máximo ${max} caracteres.` }).optional());

const day = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => isLimaDay(value), { message: `La fecha ${label} no es válida.` })
      .optional(),
  );

export const SORTS = ["recientes", "antiguas"] as const;

export const orderFilterSchema = z
  .object({
    from: day("desde"),
    to: day("hasta"),
    department: text(60),
    province: text(60),
    district: text(60),
    agent: text(100),
    agentType: z.preprocess(blankToUndefined, z.enum(AGENT_TYPES, { error: "Tipo de agente no válido." }).optional()),
    state: z.preprocess(blankToUndefined, z.enum(ORDER_STATES, { error: "Estado no válido." }).optional()),
    code: z.preprocess(blankToUndefined, authorizationCodeSchema.optional()),
    plate: z.preprocess(blankToUndefined, plateSchema.optional()),
    sort: z.preprocess(blankToUndefined, z.enum(SORTS).default("recientes")),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: "La fecha desde debe ser anterior o igual a la fecha hasta.",
    path: ["to"],
  });

export type OrderFilter = z.output<typeof orderFilterSchema>;

/** The filter as URL search parameters (for links to the next page and the export). */
export function filterParams(filter: OrderFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== "" && !(key === "sort" && value === "recientes")) params.set(key, String(value));
  }
  return params;
}

export function firstValues(search: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(search).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
