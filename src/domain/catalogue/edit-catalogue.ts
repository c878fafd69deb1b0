/**
 * One edit of the stored catalogue by an administrator, whatever the page: the edited catalogue
 * is written in the import's format and validated by the import's own loader, then, in one
 * transaction with the catalogue taken: refused if a code still in use would disappear, held
 * for confirmation if candidates would feel a window's change at once, otherwise stored (as
 * the import stores, the entries it drops deleted) with an audit entry of what changed, before
 * and after. The copy in memory is reloaded once the change is committed.
 */
import type { AuditActor, AuditSubject } from '../audit/ports.js';
import { DomainError } from '../errors.js';
import { type CatalogueError, catalogueFromText } from './catalogue-file.js';
import {
  catalogueDiff,
  describeWindowChange,
  removalRefusal,
  removedEntries,
  windowChanges,
} from './catalogue-changes.js';
import type { Catalogue } from './catalogue.js';
import { catalogueRevision, catalogueYaml } from './catalogue-yaml.js';
import type { CatalogueEditingContext } from './ports.js';

/** The name errors give the edited text: the file an export downloads. */
export const EDITED_FILE = 'catalogue.yaml';

export interface CatalogueEditInput {
  /**
   * The edited catalogue as text in the import's format, made from the stored catalogue and
   * its exported text. May throw a DomainError (the entry edited is gone, or changed since the
   * page was shown).
   */
  edit(stored: Catalogue, storedText: string): string;
  /** The revision the page started from; the edit is refused (409) if the catalogue changed since. */
  revision?: string | undefined;
  /** The administrator confirmed the window changes that need it. */
  confirmed: boolean;
  /** The audit entry's action code, e.g. `catalogue.window_changed`. */
  action: string;
  /** The audit entry's subject; the catalogue (the académie's code) by default. */
  subject?: AuditSubject;
  actor: AuditActor;
  clientAddress?: string | undefined;
}

export type CatalogueEditResult =
  /** The loader refused the text: every error, with its line in `text`. */
  | { kind: 'invalid'; text: string; errors: CatalogueError[] }
  /** Nothing saved yet: these changes, in French, need `confirmed`. */
  | { kind: 'confirm'; confirmations: string[] }
  | { kind: 'unchanged' }
  /** Saved; `confirmed` lists the changes that were confirmed. */
  | { kind: 'saved'; confirmed: string[] };

export async function editCatalogue(
  ctx: CatalogueEditingContext,
  input: CatalogueEditInput,
): Promise<CatalogueEditResult> {
  const result = await ctx.store.transaction(async (unit): Promise<CatalogueEditResult> => {
    await unit.catalogue.lock();
    const stored = await unit.catalogue.load();
    if (!stored)
      throw new DomainError(
        'not_found',
        'Aucun catalogue n’est enregistré : importez-en un avec « candidat catalogue import ».',
      );
    const storedText = catalogueYaml(stored);
    if (input.revision !== undefined && input.revision !== catalogueRevision(storedText))
      throw new DomainError(
        'conflict',
        'Le catalogue a été modifié depuis l’ouverture de cette page : rien n’a été enregistré. Rechargez la page pour repartir du catalogue enregistré.',
      );
    const text = input.edit(stored, storedText);
    const now = ctx.clock.now();
    const loaded = catalogueFromText({ file: EDITED_FILE, text }, { now });
    if (!loaded.ok) return { kind: 'invalid', text, errors: loaded.errors };
    const edited = loaded.catalogue;
    const diff = catalogueDiff(stored, edited);
    if (!diff) return { kind: 'unchanged' };

    const removed = removedEntries(stored, edited);
    const refusals: string[] = [];
    for (const entry of removed) {
      const refusal = removalRefusal(entry, await unit.catalogue.usage(entry), stored);
      if (refusal) refusals.push(refusal);
    }
    if (refusals.length > 0) throw new DomainError('validation', refusals.join(' '));

    const withSession =
      new Set([...stored.sessions, ...edited.sessions].map((s) => s.code)).size > 1;
    const confirmations = windowChanges(stored, edited, now)
      .filter((c) => c.needsConfirmation)
      .map((c) => describeWindowChange(c, withSession));
    if (confirmations.length > 0 && !input.confirmed) return { kind: 'confirm', confirmations };

    await unit.catalogue.replace(edited, removed);
    await unit.audit.record({
      at: now,
      actor: input.actor,
      action: input.action,
      subject: input.subject ?? { type: 'catalogue', id: edited.academy.code },
      before: diff.before,
      after: confirmations.length > 0 ? { ...diff.after, confirmed: confirmations } : diff.after,
      clientAddress: input.clientAddress,
    });
    return { kind: 'saved', confirmed: confirmations };
  });
  if (result.kind === 'saved') await ctx.reload();
  return result;
}
