/** A money field in the account's currency; the parent parses the text with parseAmount. */
export function AmountInput({ label, value, onInput, required = true, disabled = false }:
  { label: string; value: string; onInput: (text: string) => void; required?: boolean; disabled?: boolean }) {
  return (
    <label>{label}
      <input inputMode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" placeholder="0.00" required={required} value={value} disabled={disabled}
             onInput={e => onInput(e.currentTarget.value)} />
    </label>
  );
}
