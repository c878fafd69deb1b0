/**
 * « Modifier » on a registration window: its opening and its close, typed as Paris dates and
 * times. The stored catalogue is written in the import's format with the window's two instants
 * replaced by what was typed, then goes through `editCatalogue` (the import's validation, the
 * confirmation of a change candidates feel at once, the audit log). The loader's errors on the
 * window's two lines are the fields' errors.
 */
import type { AuditActor } from '../audit/ports.js';
import { DomainError } from '../errors.js';
import { findWindow, type RegistrationWindow } from './catalogue.js';
import { windowKey } from './catalogue-changes.js';
import { catalogueFileData, catalogueFileText, errorsByField } from './catalogue-yaml.js';
import { type CatalogueEditResult, editCatalogue } from './edit-catalogue.js';
import type { CatalogueEditingContext } from './ports.js';

/** What the page shows of the window it edits; an edit from an older page is refused. */
export function windowStamp(window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'>): string {
  return `${window.opensAt.toISOString()}/${window.closesAt.toISOString()}`;
}

export interface WallClockInput {
  /** "YYYY-MM-DD", Paris. */
  date: string;
  /** "HH:MM", Paris. */
  time: string;
}

export interface WindowEditInput {
  sessionCode: string;
  examCode: string;
  opens: WallClockInput;
  closes: WallClockInput;
  /** `windowStamp` of the window as the page showed it. */
  shown: string;
  confirmed: boolean;
  actor: AuditActor;
  clientAddress?: string | undefined;
}

export type WindowEditResult =
  | Exclude<CatalogueEditResult, { kind: 'invalid' }>
  | {
      kind: 'invalid';
      fieldErrors: Partial<Record<'opens' | 'closes', string>>;
      /** Errors elsewhere in the catalogue (none unless it was stored wrong). */
      otherErrors: string[];
    };

export async function editWindow(
  ctx: CatalogueEditingContext,
  input: WindowEditInput,
): Promise<WindowEditResult> {
  let path: (string | number)[] = [];
  const result = await editCatalogue(ctx, {
    edit(stored) {
      const window = findWindow(stored, input.sessionCode, input.examCode);
      if (!window) throw new DomainError('not_found', 'Cette fenêtre d’inscription n’existe pas.');
      if (windowStamp(window) !== input.shown)
        throw new DomainError(
          'conflict',
          'Cette fenêtre a été modifiée depuis l’ouverture de la page : rien n’a été enregistré. Vérifiez ses nouvelles dates, puis recommencez.',
        );
      const data = catalogueFileData(stored);
      const i = data.sessions.findIndex((s) => s.code === input.sessionCode);
      const k = data.sessions[i]?.windows.findIndex((w) => w.exam === input.examCode) ?? -1;
      const typed = data.sessions[i]?.windows[k];
      if (!typed) throw new Error('a stored window is missing from its own export');
      typed.opens = `${input.opens.date.trim()} ${input.opens.time.trim()}`.trim();
      typed.closes = `${input.closes.date.trim()} ${input.closes.time.trim()}`.trim();
      path = ['sessions', i, 'windows', k];
      return catalogueFileText(data);
    },
    confirmed: input.confirmed,
    action: 'catalogue.window_changed',
    subject: { type: 'registration_window', id: windowKey(input) },
    actor: input.actor,
    clientAddress: input.clientAddress,
  });
  if (result.kind !== 'invalid') return result;
  return {
    kind: 'invalid',
    ...errorsByField(result.text, path, result.errors, ['opens', 'closes']),
  };
}
