"use client";

/**
 * The Tablero's four charts (recharts). They repeat figures that the page also gives as tables,
 * so they are hidden from screen readers (aria-hidden) and their keyboard layer is off.
 */
import { useEffect, useRef } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { STATE_CHART_COLORS } from "@/components/order/state-colors";
import type { OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { AGENT_TYPE_COLORS } from "./agent-type-colors";

const SHORT = new Intl.NumberFormat("es-PE", { maximumFractionDigits: 1 });
const GALLONS = new Intl.NumberFormat("es-PE", { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat("es-PE", { style: "percent", maximumFractionDigits: 1 });
const INTEGER = new Intl.NumberFormat("es-PE");

const gallons = (value: unknown) => `${GALLONS.format(Number(value))} gal`;
/** Axis ticks: "12 mil", "1.5 M" (ICU's compact notation for es-PE mixes "k" and "K"). */
const short = (value: number) =>
  value >= 1_000_000 ? `${SHORT.format(value / 1_000_000)} M` : value >= 1_000 ? `${SHORT.format(value / 1_000)} mil` : SHORT.format(value);
const axisStyle = { fontSize: 12, fill: "#334155" };
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Keeps the chart's SVG groups out of the tab order. Recharts draws some layers through React
 * portals into <g> elements; React listens for focus events on a portal's container, and Chromium
 * makes an SVG element with focus listeners a tab stop. Inside an aria-hidden chart those stops
 * announce nothing (WCAG 2.4.3, axe "aria-hidden-focus"), so each <g> gets tabindex="-1", also
 * the ones drawn later. (`inert` would do it too, but would also end the tooltips for the mouse.)
 */
function useOutOfTabOrder(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const untab = () => frame.querySelectorAll("svg, svg g").forEach((element) => element.getAttribute("tabindex") === "-1" || element.setAttribute("tabindex", "-1"));
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(frame, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}

function ChartFrame({ height, children }: { height: number; children: React.ReactElement }) {
  const ref = useRef<HTMLDivElement>(null);
  useOutOfTabOrder(ref);
  return (
    <div ref={ref} aria-hidden="true" className="w-full" style={{ height }}>
      {children}
    </div>
  );
}

export interface DailyVolumePoint {
  /** "dd/MM" */
  label: string;
  /** gallons by agent type */
  [type: string]: number | string;
}

export function DailyVolumeChart({ points, types }: { points: DailyVolumePoint[]; types: AgentType[] }) {
  return (
    <ChartFrame height={340}>
      <BarChart responsive data={points} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={axisStyle} minTickGap={12} />
        <YAxis tick={axisStyle} tickFormatter={short} width="auto" />
        <Tooltip formatter={gallons} />
        {types.map((type) => (
          <Bar key={type} dataKey={type} name={AGENT_TYPE_LABELS[type]} stackId="volume" fill={AGENT_TYPE_COLORS[type]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

export function OrdersByStateChart({ states }: { states: { state: OrderState; label: string; orders: number }[] }) {
  return (
    <ChartFrame height={260}>
      <BarChart responsive layout="vertical" data={states} style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tick={axisStyle} tickFormatter={short} allowDecimals={false} />
        <YAxis type="category" dataKey="label" tick={axisStyle} width="auto" />
        <Tooltip formatter={(value) => [INTEGER.format(Number(value)), "Órdenes"]} />
        <Bar dataKey="orders" name="Órdenes" isAnimationActive={false}>
          {states.map((entry) => (
            <Cell key={entry.state} fill={STATE_CHART_COLORS[entry.state]} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

/** A round top for the rate axis (10 %, 40 %, 100 %…) and ticks every 5, 10 or 25 points. */
function rateTicks(rates: number[]): number[] {
  const top = Math.min(1, Math.max(0.1, Math.ceil(Math.max(0, ...rates) * 10 - 1e-9) / 10));
  const step = top > 0.5 ? 0.25 : top > 0.2 ? 0.1 : 0.05;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) => Math.min(top, index * step));
}

export function LateClosureChart({ departments }: { departments: { department: string; rate: number }[] }) {
  const ticks = rateTicks(departments.map((entry) => entry.rate));
  return (
    <ChartFrame height={Math.max(120, departments.length * 26 + 40)}>
      <BarChart responsive layout="vertical" data={departments} style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tick={axisStyle} tickFormatter={(value: number) => PERCENT.format(value)} domain={[0, ticks[ticks.length - 1]]} ticks={ticks} />
        <YAxis type="category" dataKey="department" tick={axisStyle} width="auto" interval={0} tickFormatter={(name: string) => truncate(name, 16)} />
        <Tooltip formatter={(value) => [PERCENT.format(Number(value)), "Cierres tardíos"]} />
        <Bar dataKey="rate" name="Cierres tardíos" fill="#b45309" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function TopAgentsChart({ agents }: { agents: { name: string; type: AgentType; gallons: number }[] }) {
  return (
    <ChartFrame height={agents.length * 30 + 40}>
      <BarChart responsive layout="vertical" data={agents} style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tick={axisStyle} tickFormatter={short} />
        <YAxis type="category" dataKey="name" tick={axisStyle} width="auto" interval={0} tickFormatter={(name: string) => truncate(name, 22)} />
        <Tooltip formatter={(value) => [gallons(value), "Volumen"]} />
        <Bar dataKey="gallons" name="Volumen" isAnimationActive={false}>
          {agents.map((agent, index) => (
            <Cell key={index} fill={AGENT_TYPE_COLORS[agent.type]} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
