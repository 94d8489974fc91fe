export interface TooltipState {
  x: number;
  y: number;
  lines: string[];
}

/** Hover text. Rendered as React text nodes, so property values can never inject HTML. */
export function Tooltip({ tooltip }: { tooltip: TooltipState | null }) {
  if (!tooltip) return null;
  return (
    <div className="tooltip" role="tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }}>
      {tooltip.lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'tooltip-title' : undefined}>
          {line}
        </div>
      ))}
    </div>
  );
}
