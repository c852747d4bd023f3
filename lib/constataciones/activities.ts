/** What an inspector saw the truck doing: the words the constatación form and tables show (no zod, so the form's first download stays small). */
export const CONSTATACION_ACTIVITIES = ["DESCARGANDO", "CARGANDO", "EN_TRANSITO"] as const;
export type ConstatacionActivity = (typeof CONSTATACION_ACTIVITIES)[number];

export const ACTIVITY_LABELS: Record<ConstatacionActivity, string> = {
  DESCARGANDO: "Descargando",
  CARGANDO: "Cargando",
  EN_TRANSITO: "En tránsito",
};
