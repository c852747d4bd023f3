/**
 * Runs once when a Next.js server starts. A production server refuses to start, rather than fail
 * at the first request, when it would run with the public development secrets or without
 * secrets (lib/config.ts), or when it was started without the front door (`next start` instead
 * of `npm start`): without it the client's address would be whatever the client claims.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NODE_ENV !== "production") return;
  const { FRONT_DOOR, assertProductionSecrets, demoMode } = await import("./lib/config");
  try {
    assertProductionSecrets();
    if (!demoMode() && !(globalThis as Record<symbol, unknown>)[FRONT_DOOR]) {
      throw new Error("No se inicia el servidor: inicie el portal con `npm start` (server.ts), no con `next start`, para que la dirección del cliente se tome del socket.");
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
