/**
 * What the portal acknowledged, as the virtual candidates saw it: an activation, a saved
 * version (303 to « Mes inscriptions »), a stored file (303 back to « Mes justificatifs »),
 * « J'ai fourni toutes mes pièces » (303 with « complet »). Each is written down the moment
 * its answer arrives, before the next request: after a crash, each must be found whole.
 * A write whose answer never came (the server died first) is not here: it may or may not be
 * in the database, but if it is, the consistency check sees it whole or not at all.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface AcknowledgedSave {
  email: string;
  number: string;
  /** The complement of address typed for this save only: tells its version apart. */
  addressLine2: string;
}

export interface AcknowledgedUpload {
  email: string;
  number: string;
  document: string;
  sha256: string;
  size: number;
}

export class Ledger {
  readonly activations: string[] = [];
  readonly saves: AcknowledgedSave[] = [];
  readonly uploads: AcknowledgedUpload[] = [];
  readonly declarations: Array<{ email: string; number: string }> = [];
  private readonly run = randomBytes(3).toString('hex');
  private marks = 0;

  /** A complement of address used by no other save of the run (letters and digits only). */
  nextAddressLine2(): string {
    this.marks += 1;
    return `Bâtiment ${this.run} ${this.marks}`;
  }

  activated(email: string): void {
    this.activations.push(email);
  }

  saved(save: AcknowledgedSave): void {
    this.saves.push(save);
  }

  uploaded(email: string, number: string, document: string, bytes: Buffer): void {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.uploads.push({ email, number, document, sha256, size: bytes.length });
  }

  declared(email: string, number: string): void {
    this.declarations.push({ email, number });
  }

  get total(): number {
    return (
      this.activations.length + this.saves.length + this.uploads.length + this.declarations.length
    );
  }
}
