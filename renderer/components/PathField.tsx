import { useApp } from '../state/app-context.js';

/**
 * A folder or file location. The desktop app offers the native dialog; in a browser the clerk types or pastes
 * the path (the bridge runs on the same machine).
 */
export function PathField({
  value,
  onChange,
  placeholder,
  forSaving = false,
  name,
}: {
  value: string;
  onChange: (path: string) => void;
  placeholder?: string;
  forSaving?: boolean;
  name?: string;
}) {
  const { client, transport, fail } = useApp();
  return (
    <div className="path-field">
      <input type="text" name={name} value={value} placeholder={placeholder ?? '例如 D:\\台账\\文明社区'} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
      {transport.shell === 'electron' && (
        <button
          type="button"
          onClick={() =>
            client['app.pickFolder']({ forSaving })
              .then((r) => r.path && onChange(r.path))
              .catch(fail)
          }
        >
          选择…
        </button>
      )}
    </div>
  );
}
