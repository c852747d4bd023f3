import type { Metadata, Viewport } from "next";
import "./globals.css";
import { RequestIdTracker } from "@/components/errors/request-id-tracker";

export const metadata: Metadata = {
  title: { default: "SCOP GLP", template: "%s · SCOP GLP" },
  description: "Sistema de Control de Órdenes de Pedido de GLP a granel",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="es-PE">
      <body className="min-h-screen font-sans">
        {children}
        <RequestIdTracker />
      </body>
    </html>
  );
}
