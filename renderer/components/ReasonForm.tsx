/** An inline form that asks why before an act that needs a stated reason (不适用, 撤销归档); it cannot be sent empty. */
export function ReasonForm({
  name,
  label,
  placeholder,
  confirm,
  value,
  onChange,
  onSubmit,
  onCancel,
}: {
  name: string;
  label: string;
  placeholder: string;
  confirm: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      className="na-reason"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <input name={name} aria-label={label} placeholder={placeholder} value={value} maxLength={500} autoFocus onChange={(e) => onChange(e.target.value)} />
      <button type="submit" className="primary" disabled={!value.trim()}>
        {confirm}
      </button>
      <button type="button" onClick={onCancel}>
        取消
      </button>
    </form>
  );
}
