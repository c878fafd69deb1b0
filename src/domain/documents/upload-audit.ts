/**
 * What the audit log keeps of a candidate's file when it is added or removed: its id, the
 * document it is for, its size and its SHA-256. Once a file is removed its row and bytes are
 * gone and this is what is left to tell which file it was; the hash proves it without keeping
 * the content. Not the file's name: names like "cni-dupont-jean.pdf" carry personal data, and
 * the log outlives the deletion of a candidate's data at the end of retention.
 */
import type { Upload } from './ports.js';

export function uploadFacts(upload: Upload): Record<string, unknown> {
  return {
    upload: upload.id,
    document: upload.documentKey,
    size: upload.size,
    sha256: upload.sha256,
  };
}
