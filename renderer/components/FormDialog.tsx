import { useState, type ReactNode } from 'react';
import { clerkMessage } from '../api/client.js';
import { Dialog, ErrorNote } from './ui.js';

export interface FormAction {
  label: string;
  run: () => Promise<void>;
}

/**
 * A dialog that saves something: 取消, any extra actions, and the main button. A failure is shown inside the dialog
 * in words and the dialog stays open with what the clerk typed; success is up to the action (usually closing).
 */
export function FormDialog({
  title,
  submit,
  extraActions = [],
  onClose,
  disabled = false,
  children,
}: {
  title: string;
  submit: FormAction;
  extraActions?: FormAction[];
  onClose: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: FormAction) {
    setBusy(true);
    setError(null);
    try {
      await action.run();
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>取消</button>
          {extraActions.map((a) => (
            <button key={a.label} disabled={busy} onClick={() => void run(a)}>
              {a.label}
            </button>
          ))}
          <button className="primary" disabled={disabled || busy} onClick={() => void run(submit)}>
            {submit.label}
          </button>
        </>
      }
    >
      {children}
      <ErrorNote text={error} />
    </Dialog>
  );
}
