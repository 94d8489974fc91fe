import type { CommandId } from '../store/commands.ts';
import { useCommand } from '../store/use-commands.ts';

/** A button for a command of the registry: its label, its enabled state and its action. */
export function CommandButton({ id, testId, title }: { id: CommandId; testId?: string; title?: string }) {
  const c = useCommand(id);
  return (
    <button type="button" disabled={!c.enabled} onClick={c.run} data-testid={testId} title={title}>
      {c.label}
    </button>
  );
}
