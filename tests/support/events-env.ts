/**
 * The servers of the end-to-end run, for notifications under test: e-mail to the SMTP server that
 * tests/e2e/notifications.spec.ts starts on E2E_PORT + 5, the bell asking every 2 s, and webhooks
 * to the spec's receiver on loopback (allowed only in tests and local demos).
 */
export function eventsEnv(port: number): Record<string, string> {
  return {
    SCOP_SMTP_URL: `smtp://127.0.0.1:${port + 5}`,
    SCOP_NOTIFICATION_POLL_SECONDS: "2",
    SCOP_WEBHOOKS_ALLOW_LOCAL: "1",
  };
}
