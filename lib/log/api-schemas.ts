/** The log's public endpoints: query and answer schemas (parsed by the routes, described in the OpenAPI document). */
import { z } from "@/lib/validation";
import { treeNumber } from "./http";

const base64 = z.string().meta({ description: "base64 estándar (RFC 4648 §4)" });

export const inclusionQuerySchema = z.object({
  index: treeNumber.meta({ description: "Índice de la hoja (desde 0)." }),
  size: treeNumber.meta({ description: "Tamaño del árbol firmado (un checkpoint) en el que se prueba." }),
});
export const consistencyQuerySchema = z.object({
  from: treeNumber.meta({ description: "Tamaño del árbol anterior." }),
  to: treeNumber.meta({ description: "Tamaño del árbol posterior (a lo más el del último checkpoint)." }),
});
export const checkpointsQuerySchema = z.object({
  after: z.coerce.number().int().min(-1).default(-1).meta({ description: "Solo checkpoints de tamaño mayor que este." }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const inclusionProofResponse = z
  .object({ index: z.number().int(), treeSize: z.number().int(), proof: z.array(base64).meta({ description: "Hashes de la ruta de auditoría (RFC 9162 2.1.3)." }) })
  .meta({ id: "InclusionProof" });
export const consistencyProofResponse = z
  .object({ from: z.number().int(), to: z.number().int(), proof: z.array(base64).meta({ description: "Hashes de la prueba de consistencia (RFC 9162 2.1.4)." }) })
  .meta({ id: "ConsistencyProof" });
export const leafResponse = z
  .object({
    index: z.number().int(),
    leaf: base64.meta({ description: "Los 34 bytes de la hoja: versión (1 o 2), tipo (1 movimiento, 2 agente, 3 camión tanque) y el compromiso salado de su registro." }),
    leafHash: base64.meta({ description: "SHA-256(0x00 || hoja)." }),
  })
  .meta({ id: "LogLeaf" });
export const checkpointsResponse = z
  .object({
    checkpoints: z.array(
      z.object({ treeSize: z.number().int(), signedAt: z.string().meta({ format: "date-time" }), note: z.string().meta({ description: "El checkpoint firmado (nota C2SP)." }) }),
    ),
  })
  .meta({ id: "CheckpointList" });
