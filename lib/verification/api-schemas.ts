/** The public verification endpoints' answers, as documented in the OpenAPI document (and checked against real answers in tests). */
import { z } from "@/lib/validation";

const party = z
  .object({
    agentId: z.number().int(),
    businessName: z.string(),
    type: z.string(),
    registryNumber: z.string(),
    registryStatus: z.enum(["VIGENTE", "SUSPENDIDO", "CANCELADO"]),
    leafIndex: z.number().int().nullable().meta({ description: "Hoja del registro con este estado del agente; null si aún no se incorpora." }),
  })
  .meta({ id: "PublicParty" });

const opening = z.object({
  index: z.number().int(),
  kind: z.enum(["MOVEMENT", "AGENT", "TRUCK"]),
  version: z.number().int().optional().meta({ description: "Versión del formato de la hoja (docs/registro-verificable.md); ausente: 1." }),
  nonceP: z.string(),
  public: z.string().meta({ description: "base64 de la parte pública canónica (docs/registro-verificable.md)" }),
  privateDigest: z.string(),
  proof: z.array(z.string()),
});

export const publicCodeAnswerSchema = z
  .object({
    code: z.string(),
    found: z.boolean(),
    checkDigitValid: z.boolean(),
    order: z
      .object({
        state: z.string(),
        flow: z.enum(["A", "B"]),
        buyer: party,
        seller: party,
        plant: party.nullable(),
        movements: z.array(
          z.object({
            event: z.string(),
            state: z.string(),
            occurredAt: z.string().meta({ format: "date-time" }),
            leafIndex: z.number().int().nullable(),
          }),
        ),
      })
      .nullable(),
    evidence: z
      .object({ checkpoint: z.string().meta({ description: "Checkpoint firmado (nota C2SP)" }), leaves: z.array(opening) })
      .nullable()
      .meta({ description: "Aperturas de las hojas de estos datos y sus pruebas de inclusión en el checkpoint." }),
    pending: z.number().int(),
  })
  .meta({ id: "PublicCodeAnswer" });

export const publicPlateAnswerSchema = z
  .object({
    plate: z.string(),
    truck: z.object({ plate: z.string(), registryNumber: z.string().nullable(), status: z.string().nullable() }).nullable(),
    registrySource: z.enum(["REGISTRO", "LOTES"]).meta({
      description: "REGISTRO: el registro de camiones tanque; LOTES: mientras no exista, solo si la placa figura en lotes (estado desconocido).",
    }),
    openLots: z.array(
      z.object({
        code: z.string(),
        state: z.string(),
        event: z.enum(["VENDIDO", "DESPACHADO"]),
        at: z.string().meta({ format: "date-time" }),
      }),
    ),
  })
  .meta({ id: "PublicPlateAnswer" });
