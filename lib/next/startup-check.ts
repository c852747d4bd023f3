/**
 * A production server refuses to start when it would run with the public development secrets or
 * without secrets (lib/config.ts), or when it was started without the front door (`next start`
 * instead of `npm start`): without the front door the client's address would be whatever the
 * client claims in X-Forwarded-For. The demo mode (SCOP_DEMO=1) allows both.
 */
import { FRONT_DOOR, assertProductionSecrets, demoMode } from "@/lib/config";

export function refuseUnsafeStart(): void {
  if (process.env.NODE_ENV !== "production") return;
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
