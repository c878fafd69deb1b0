/**
 * « Modifier » on a pôle: its name, its phone numbers and its email, which the footer of every
 * page, the mails and the public page /poles show. Validated as the import validates a pôle
 * (through `editCatalogue`), the loader's errors on each line being that field's errors.
 */
import type { AuditActor } from '../audit/ports.js';
import { DomainError } from '../errors.js';
import { catalogueFileData, catalogueFileText, errorsByField } from './catalogue-yaml.js';
import { type CatalogueEditResult, editCatalogue } from './edit-catalogue.js';
import type { CatalogueEditingContext } from './ports.js';

export interface DeskEditInput {
  code: string;
  name: string;
  phones: string[];
  email: string;
  actor: AuditActor;
  clientAddress?: string | undefined;
}

export type DeskEditResult =
  | Exclude<CatalogueEditResult, { kind: 'invalid' | 'confirm' }>
  | {
      kind: 'invalid';
      fieldErrors: Partial<Record<'name' | 'phones' | 'email', string>>;
      otherErrors: string[];
    };

export async function editDesk(
  ctx: CatalogueEditingContext,
  input: DeskEditInput,
): Promise<DeskEditResult> {
  let path: (string | number)[] = [];
  const result = await editCatalogue(ctx, {
    edit(stored) {
      const data = catalogueFileData(stored);
      const i = data.desks.findIndex((d) => d.code === input.code);
      const desk = data.desks[i];
      if (!desk) throw new DomainError('not_found', 'Ce pôle n’existe pas.');
      desk.name = input.name;
      desk.phones = input.phones;
      desk.email = input.email;
      path = ['desks', i];
      return catalogueFileText(data);
    },
    confirmed: false,
    action: 'catalogue.desk_changed',
    subject: { type: 'desk', id: input.code },
    actor: input.actor,
    clientAddress: input.clientAddress,
  });
  // A pôle has no window, so nothing waits for a confirmation.
  if (result.kind === 'confirm') throw new Error('a pôle’s edit changed a registration window');
  if (result.kind !== 'invalid') return result;
  return {
    kind: 'invalid',
    ...errorsByField(result.text, path, result.errors, ['name', 'phones', 'email']),
  };
}
