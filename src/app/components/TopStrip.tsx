import { useLayoutEffect, useRef } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Notices } from './Notices.tsx';
import { SyntheticNotice } from './Panes.tsx';

/**
 * The synthetic-data note and the notices, in a strip above the map: the map starts under it (the
 * app's `--top-strip` is its height), so no notice ever covers the data.
 */
export function TopStrip() {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const strip = ref.current;
    const app = strip?.parentElement;
    if (!strip || !app) return;
    const observer = new ResizeObserver(() => app.style.setProperty('--top-strip', `${strip.offsetHeight}px`));
    observer.observe(strip);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="top-strip" ref={ref}>
      <SyntheticNotice />
      <ErrorBoundary name="notices">
        <Notices />
      </ErrorBoundary>
    </div>
  );
}
