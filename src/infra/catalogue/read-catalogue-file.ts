/**
 * Reads a catalogue file and the files it `extends` (each relative to the file naming it),
 * then validates the whole with the pure loader. Errors name files by their base name, as
 * the operator sees them in `catalogues/`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildCatalogue,
  type CatalogueResult,
  type ParsedCatalogueSource,
  parseCatalogueSource,
} from '../../domain/catalogue/catalogue-file.js';

/** The file named by the operator cannot be read at all: nothing to show a line of. */
export class CatalogueFileUnreadable extends Error {
  constructor(file: string, cause: unknown) {
    super(`Impossible de lire le fichier de catalogue « ${file} » : ${describe(cause)}`);
    this.name = 'CatalogueFileUnreadable';
  }
}

/** At most this many files in an `extends` chain: a longer one is surely a mistake. */
const MAX_CHAIN = 8;

export async function readCatalogueFile(
  file: string,
  options: { now: Date },
): Promise<CatalogueResult> {
  let current = path.resolve(file);
  let text: string;
  try {
    text = await readFile(current, 'utf8');
  } catch (error) {
    throw new CatalogueFileUnreadable(file, error);
  }
  const chain: ParsedCatalogueSource[] = [];
  const seen = new Set<string>();
  for (;;) {
    seen.add(current);
    const parsed = parseCatalogueSource({ file: path.basename(current), text });
    if (!parsed.ok) return parsed;
    chain.push(parsed.source);
    const base = parsed.source.extends;
    if (!base) break;
    const refuse = (reason: string): CatalogueResult => ({
      ok: false,
      errors: [{ file: parsed.source.file, line: base.line, reason }],
    });
    const next = path.resolve(path.dirname(current), base.file);
    if (seen.has(next)) {
      return refuse(
        `« ${base.file} » étend déjà ce fichier, directement ou non : l’héritage tourne en rond`,
      );
    }
    if (chain.length >= MAX_CHAIN) {
      return refuse(`plus de ${MAX_CHAIN} fichiers s’étendent l’un l’autre : simplifiez la chaîne`);
    }
    try {
      text = await readFile(next, 'utf8');
    } catch (error) {
      return refuse(`le fichier de base « ${base.file} » ne peut pas être lu : ${describe(error)}`);
    }
    current = next;
  }
  return buildCatalogue(chain, options);
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'fichier introuvable';
  if (code === 'EACCES') return 'accès refusé';
  if (code === 'EISDIR') return 'c’est un dossier';
  return error instanceof Error ? error.message : String(error);
}
