/**
 * Command-line scripts print their own report on stdout; the portal's log lines (e.g. one per
 * order the demo seed makes through the services) go to stderr, and only from warnings up
 * unless LOG_LEVEL says otherwise. Import this first.
 */
import pino from "pino";
import { logTo } from "@/lib/observability/log";

logTo(pino.destination(2), process.env.LOG_LEVEL ?? "warn");
