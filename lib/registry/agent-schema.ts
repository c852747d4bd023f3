/**
 * The agent form's data, shared by the browser forms, the CSV import and the server: every check
 * that needs no database (RUC check digit, registry number, location, capacity for buyers).
 */
import { capitalize, z } from "@/lib/validation";
import { parseGallons } from "@/lib/volume";
import { AGENT_TYPES, isBuyerType, type AgentType } from "./agent-types";
import { isValidLocation } from "./geography";
import { isValidRegistryNumber } from "./registry-number";
import { rucProblem } from "./ruc";
import { isLimaDay } from "@/lib/time";

const RUC_MESSAGES = {
  FORMATO: "El RUC debe tener 11 dígitos.",
  PREFIJO: "El RUC debe empezar con 10, 15, 17 o 20.",
  DIGITO_VERIFICADOR: "El RUC no es válido: su dígito verificador no corresponde.",
} as const;

const text = (label: string, max: number) =>
  z
    .string({ error: `Ingrese ${label}.` })
    .trim()
    .min(1, { message: `Ingrese ${label}.` })
    .max(max, { message: `${capitalize(label)} admite como máximo ${max} caracteres.` });

export const agentSchema = z
  .object({
    type: z.enum(AGENT_TYPES, { error: "Seleccione el tipo de agente." }),
    businessName: text("la razón social", 160),
    ruc: z
      .string({ error: "Ingrese el RUC." })
      .trim()
      .superRefine((value, ctx) => {
        const problem = rucProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: value ? RUC_MESSAGES[problem] : "Ingrese el RUC." });
      }),
    registryNumber: z
      .string({ error: "Ingrese el número de registro." })
      .trim()
      .refine(isValidRegistryNumber, {
        message: "El número de registro debe tener la forma código-actividad-ddmmaa, por ejemplo 84408-038-150516.",
      }),
    address: text("la dirección", 200),
    department: text("el departamento", 60),
    province: text("la provincia", 60),
    district: text("el distrito", 80),
    /** gallons as typed; required (> 0) for buyer types, empty for the others */
    storageCapacity: z.string().trim().max(20).optional().default(""),
    /** the id of the seller that ceded its tanks in use (form), if any */
    cededBySellerId: z.coerce.number().int().positive().optional().nullable(),
    insuranceExpiresOn: z
      .string()
      .trim()
      .optional()
      .default("")
      .refine((value) => value === "" || isLimaDay(value), { message: "La fecha de vencimiento no es válida (AAAA-MM-DD)." }),
    /** the last day of a registration granted for a term; empty for an indefinite one */
    registryExpiresOn: z
      .string()
      .trim()
      .optional()
      .default("")
      .refine((value) => value === "" || isLimaDay(value), { message: "La fecha de vencimiento de la inscripción no es válida (AAAA-MM-DD)." }),
  })
  .superRefine((value, ctx) => {
    if (!isValidLocation(value.department, value.province, value.district)) {
      ctx.addIssue({ code: "custom", path: ["district"], message: "El distrito no corresponde a la provincia y departamento elegidos." });
    }
    const buyer = isBuyerType(value.type as AgentType);
    if (buyer) {
      const hundredths = parseGallons(value.storageCapacity);
      if (!value.storageCapacity) {
        ctx.addIssue({ code: "custom", path: ["storageCapacity"], message: "Ingrese la capacidad de almacenamiento en galones." });
      } else if (hundredths === null || hundredths <= 0) {
        ctx.addIssue({ code: "custom", path: ["storageCapacity"], message: "La capacidad debe ser un número de galones mayor que cero (hasta dos decimales)." });
      }
    } else {
      if (value.storageCapacity) {
        ctx.addIssue({ code: "custom", path: ["storageCapacity"], message: "Solo los agentes que compran registran capacidad de almacenamiento." });
      }
      if (value.cededBySellerId) {
        ctx.addIssue({ code: "custom", path: ["cededBySellerId"], message: "Solo los agentes que compran pueden tener tanques cedidos en uso." });
      }
    }
  })
  .transform((value) => ({
    ...value,
    storageCapacity: isBuyerType(value.type as AgentType) ? (parseGallons(value.storageCapacity) ?? 0) : 0,
    cededBySellerId: value.cededBySellerId ?? null,
    insuranceExpiresOn: value.insuranceExpiresOn || null,
    registryExpiresOn: value.registryExpiresOn || null,
  }));
export type AgentInput = z.input<typeof agentSchema>;
export type AgentData = z.output<typeof agentSchema>;

export const reasonSchema = z.object({
  agentId: z.coerce.number().int().positive(),
  reason: z
    .string({ error: "Ingrese el motivo." })
    .trim()
    .min(10, { message: "Describa el motivo (al menos 10 caracteres)." })
    .max(500, { message: "El motivo admite como máximo 500 caracteres." }),
});
export type ReasonInput = z.input<typeof reasonSchema>;
