"use client";

/**
 * Reads a QR code with the phone's camera, or from a photo: the browser's own BarcodeDetector where
 * it has one (Chrome on Android), else jsQR, bundled with the page (nothing is fetched).
 */
import jsQR from "jsqr";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

function nativeDetector(): Detector | null {
  const Native = (globalThis as unknown as { BarcodeDetector?: new (options: { formats: string[] }) => Detector }).BarcodeDetector;
  try {
    return Native ? new Native({ formats: ["qr_code"] }) : null;
  } catch {
    return null;
  }
}

/** The QR text in a frame of the canvas, if any. */
async function decode(canvas: HTMLCanvasElement, detector: Detector | null): Promise<string | null> {
  if (detector) {
    try {
      const [found] = await detector.detect(canvas);
      if (found) return found.rawValue;
    } catch {
      // fall back to jsQR
    }
  }
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}

export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const [scanning, setScanning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // known only in the browser (false while rendering on the server)
  const cameraAvailable = useSyncExternalStore(
    () => () => undefined,
    () => Boolean(navigator.mediaDevices?.getUserMedia),
    () => false,
  );
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  const stop = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  };
  useEffect(() => stop, []);

  async function start() {
    setMessage(null);
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch {
      setMessage("No se pudo abrir la cámara. Permita el acceso, o tome una foto del código con «Foto del QR».");
      return;
    }
    setScanning(true);
    const detector = nativeDetector();
    const canvas = document.createElement("canvas");
    const loop = async () => {
      const element = video.current;
      if (!stream.current || !element) return;
      if (element.readyState >= 2 && element.videoWidth > 0) {
        canvas.width = element.videoWidth;
        canvas.height = element.videoHeight;
        canvas.getContext("2d", { willReadFrequently: true })!.drawImage(element, 0, 0);
        const text = await decode(canvas, detector);
        if (text) {
          stop();
          onText(text);
          return;
        }
      }
      setTimeout(loop, 200);
    };
    requestAnimationFrame(() => {
      if (video.current && stream.current) {
        video.current.srcObject = stream.current;
        void video.current.play().catch(() => undefined);
      }
      void loop();
    });
  }

  async function fromPhoto(file: File) {
    setMessage(null);
    const bitmap = await createImageBitmap(file).catch(() => null);
    if (!bitmap) {
      setMessage("No se pudo leer la imagen.");
      return;
    }
    const canvas = document.createElement("canvas");
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d", { willReadFrequently: true })!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const text = await decode(canvas, nativeDetector());
    if (text) onText(text);
    else setMessage("No se encontró un código QR en la foto. Acérquese y vuelva a intentar.");
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {cameraAvailable && !scanning ? (
          <Button variant="secondary" onClick={() => void start()}>
            Escanear QR con la cámara
          </Button>
        ) : null}
        {scanning ? (
          <Button variant="secondary" onClick={stop}>
            Cerrar cámara
          </Button>
        ) : null}
        <label className="inline-flex cursor-pointer items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">
          Foto del QR
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            data-testid="qr-photo"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void fromPhoto(file);
              event.target.value = "";
            }}
          />
        </label>
      </div>
      {scanning ? <video ref={video} playsInline muted className="w-full max-w-sm rounded-md border border-slate-300 bg-black" aria-label="Vista de la cámara" /> : null}
      {message ? <p className="text-sm text-red-700">{message}</p> : null}
    </div>
  );
}
