/**
 * A webhook receiver for tests and benchmarks: an HTTP server on loopback that records every POST
 * (headers, body, arrival time), answers with the status the test chooses, and — like a real
 * receiver should — processes each webhook-id once.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  url: string;
  /** every request, duplicates included */
  requests: ReceivedWebhook[];
  /** the first request of each webhook-id, in arrival order */
  processed: Map<string, ReceivedWebhook>;
  /** webhook-ids that arrived more than once */
  duplicates: () => number;
  /** the answer to the next requests (default 204); may look at the request */
  respond: (handler: (request: ReceivedWebhook) => number | Promise<number>) => void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const processed = new Map<string, ReceivedWebhook>();
  const counts = new Map<string, number>();
  let handler: (request: ReceivedWebhook) => number | Promise<number> = () => 204;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const received: ReceivedWebhook = { path: request.url ?? "/", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now() };
      requests.push(received);
      const status = await handler(received);
      const id = String(request.headers["webhook-id"] ?? "");
      if (status >= 200 && status < 300) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        if (!processed.has(id)) processed.set(id, received);
      }
      response.writeHead(status).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    requests,
    processed,
    duplicates: () => [...counts.values()].filter((count) => count > 1).length,
    respond: (next) => (handler = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
