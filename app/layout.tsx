import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";
import { RequestIdTracker } from "@/components/errors/request-id-tracker";

export const metadata: Metadata = {
  title: { default: "SCOP GLP", template: "%s · SCOP GLP" },
  description: "Sistema de Control de Órdenes de Pedido de GLP a granel",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Every page is rendered per request: its scripts carry the request's CSP nonce (proxy.ts),
  // which a page prerendered at build time could not.
  await connection();
  return (
    <html lang="es-PE">
      <body className="min-h-screen font-sans">
        {children}
        <RequestIdTracker />
      </body>
    </html>
  );
}
