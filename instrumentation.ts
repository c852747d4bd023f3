/**
 * Runs once when a Next.js server starts (`npm start`, `npm run dev`): starts the movement log's
 * sequencer timer in this process (lib/log/sequencer-timer.ts) unless SCOP_LOG_SEQUENCER=off.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { logSequencerSettings } = await import("@/lib/config");
  const settings = logSequencerSettings();
  if (!settings.enabled) return;
  const { database } = await import("@/lib/next/context");
  const { logSigner } = await import("@/lib/log/keys");
  const { startSequencerTimer } = await import("@/lib/log/sequencer-timer");
  startSequencerTimer(database, logSigner, settings.intervalMs);
}
