"use client";
import { useEffect } from "react";
import { trackRequestIds } from "./request-ids";

/** Records the responses' request ids from the first page load on (see request-ids.ts). */
export function RequestIdTracker() {
  useEffect(() => trackRequestIds(), []);
  return null;
}
