/**
 * DSFR radio groups, selects, checkboxes and text areas, each with its legend or label, its
 * error linked by aria-describedby, and the value the candidate chose kept.
 */
import type { VNode } from 'preact';

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function RadioGroup({
  name,
  legend,
  options,
  value,
  error,
  hint,
  inline = false,
}: {
  name: string;
  legend: string;
  options: Option[];
  value: string | undefined;
  error?: string | undefined;
  hint?: string;
  inline?: boolean;
}): VNode {
  const id = `champ-${name}`;
  return (
    <fieldset
      id={id}
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${id}-legende${error ? ` ${id}-erreur` : ''}`}
      role={error ? 'group' : undefined}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {legend}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </legend>
      {options.map((o, i) => (
        <div class={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`}>
          <div class="fr-radio-group">
            <input
              type="radio"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={value === o.value}
            />
            <label class="fr-label" for={`${id}-${i}`}>
              {o.label}
              {o.hint && <span class="fr-hint-text">{o.hint}</span>}
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div class="fr-messages-group" id={`${id}-erreur`} aria-live="assertive">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

export function Select({
  name,
  label,
  options,
  value,
  error,
  hint,
  placeholder = 'Sélectionnez une option',
}: {
  name: string;
  label: string;
  options: Option[];
  value: string | undefined;
  error?: string | undefined;
  hint?: string;
  placeholder?: string;
}): VNode {
  const id = `champ-${name}`;
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={id}
        name={name}
        aria-describedby={error ? `${id}-erreur` : undefined}
      >
        <option value="" selected={!value}>
          {placeholder}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-erreur`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

export function Checkbox({
  name,
  label,
  checked,
  error,
  hint,
}: {
  name: string;
  label: string;
  checked: boolean;
  error?: string | undefined;
  hint?: string;
}): VNode {
  const id = `champ-${name}`;
  return (
    <div class={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        value="oui"
        checked={checked}
        aria-describedby={error ? `${id}-erreur` : undefined}
      />
      <label class="fr-label" for={id}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
      {error && (
        <div class="fr-messages-group" id={`${id}-erreur`} aria-live="assertive">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </div>
  );
}

export function TextArea({
  name,
  label,
  value,
  error,
  hint,
}: {
  name: string;
  label: string;
  value: string | undefined;
  error?: string | undefined;
  hint?: string;
}): VNode {
  const id = `champ-${name}`;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint && <span class="fr-hint-text">{hint}</span>}
      </label>
      <textarea
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={name}
        rows={4}
        aria-describedby={error ? `${id}-erreur` : undefined}
      >
        {value ?? ''}
      </textarea>
      {error && (
        <p id={`${id}-erreur`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}
