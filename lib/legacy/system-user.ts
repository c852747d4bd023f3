/**
 * The user the imported movements of the legacy SCOP are attributed to: the original users are
 * not known, and a movement must name one. It belongs to the importing administrator's agent
 * (Osinergmin), is inactive and has no password (a malformed hash matches nothing), and the
 * administration screens refuse to reactivate it or reset its password.
 */
export const LEGACY_SYSTEM_USERNAME = "scop-anterior";
export const LEGACY_SYSTEM_FULL_NAME = "SCOP anterior (histórico importado)";
