/**
 * DSFR form pieces: a field with its label, hint and error (linked by aria-describedby so a
 * screen reader reads the error with the field), the error summary, the CSRF hidden field.
 */
import type { VNode } from 'preact';

export function CsrfField({ token }: { token: string }): VNode {
  return <input type="hidden" name="_csrf" value={token} />;
}

export interface FieldProps {
  name: string;
  /** The input's id, `champ-NAME` unless given (a page with one form per entry needs more). */
  id?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
}

export function Field({
  name,
  id = `champ-${name}`,
  label,
  type = 'text',
  value,
  error,
  hint,
  autocomplete,
  required = true,
}: FieldProps): VNode {
  const describedBy = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint && (
          <span class="fr-hint-text" id={`${id}-aide`}>
            {hint}
          </span>
        )}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        spellcheck={type === 'email' || type === 'password' ? false : undefined}
      />
      {error && (
        <p id={`${id}-erreur`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

/** The list of errors at the top of a form, each a link to its field. */
export function ErrorSummary({
  errors,
  labels,
}: {
  errors: Record<string, string>;
  labels: Record<string, string>;
}): VNode | null {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">
        {entries.length === 1
          ? 'Le formulaire contient une erreur'
          : `Le formulaire contient ${entries.length} erreurs`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#champ-${field}`}>
              {labels[field] ?? field} : {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export type AlertKind = 'error' | 'success' | 'info' | 'warning';

export function Alert({
  kind,
  title,
  children,
}: {
  kind: AlertKind;
  title: string;
  children?: preact.ComponentChildren;
}): VNode {
  return (
    <div class={`fr-alert fr-alert--${kind} fr-mb-4w`} role={kind === 'error' ? 'alert' : 'status'}>
      <h2 class="fr-alert__title">{title}</h2>
      {children}
    </div>
  );
}
