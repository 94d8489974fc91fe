import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.ts';

function Failed({ error, onRetry, className }: { error: Error; onRetry: () => void; className?: string }) {
  const { t } = useI18n();
  return (
    <div className={className ? `part-error ${className}` : 'part-error'} role="alert" data-testid="part-error">
      <p>{t('error.part', { error: error.message })}</p>
      <button type="button" onClick={onRetry}>
        {t('error.retry')}
      </button>
    </div>
  );
}

/**
 * A render error in one part (`className` places its message where the part would be) (a panel, the map) shows a message in its place; the rest of the
 * app keeps working, and "Try again" renders the part afresh.
 */
export class ErrorBoundary extends Component<{ name: string; children: ReactNode; className?: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`catchmap: ${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error ? <Failed error={this.state.error} onRetry={() => this.setState({ error: null })} className={this.props.className} /> : this.props.children;
  }
}
