import { useRef, type ReactNode } from 'react';
import { downloadBlob } from '../export/plan-export.ts';
import { chartPng, chartSvg, type LegendEntry } from '../export/chart-image.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * A chart with its SVG and PNG downloads: the file holds the title and the legend drawn in (the
 * chart's own legend is HTML, outside its SVG). `print`: inside the report, without the buttons.
 */
export function ChartFrame({ title, file, legend, testId, print, children, data }: {
  title: string;
  file: string;
  legend: readonly LegendEntry[];
  testId: string;
  print?: boolean;
  children: ReactNode;
  /** Attributes tests read (`data-*`). */
  data?: Record<string, string | number>;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const svg = () => frame.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface') ?? null;
  const attrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <figure className="chart" data-testid={testId} {...attrs}>
      <figcaption>{title}</figcaption>
      <div ref={frame}>{children}</div>
      {!print && (
        <div className="button-row">
          <button type="button" data-testid={`${testId}-svg`} onClick={() => { const el = svg(); if (el) downloadBlob(`${file}.svg`, chartSvg(el, legend, title)); }}>
            {t('chart.svg')}
          </button>
          <button type="button" data-testid={`${testId}-png`} onClick={() => { const el = svg(); if (el) void chartPng(el, 2, legend, title).then((b) => downloadBlob(`${file}.png`, b)); }}>
            {t('chart.png')}
          </button>
        </div>
      )}
    </figure>
  );
}
