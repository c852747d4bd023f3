/**
 * Runs once when a Next.js server starts: a production server refuses to start with unsafe
 * settings (lib/next/startup-check.ts) rather than fail at the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseUnsafeStart } = await import("./lib/next/startup-check");
    refuseUnsafeStart();
  }
}
