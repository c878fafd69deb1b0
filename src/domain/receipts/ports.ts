/**
 * « Mes documents »: the récapitulatif of a registration version (« confirmation
 * d'inscription ») and the list of its supporting documents, as PDF files, and the public
 * check of a récapitulatif's verification code. The PDF files are drawn in infra/pdf/ from the
 * plain values below.
 */
import type { Desk } from '../desks/desk.js';
import type { RegistrationsContext } from '../registrations/ports.js';
import type { SummaryLine } from '../registrations/registration-summary.js';
import type { DocumentStateLabel } from './document-states.js';

/** The récapitulatif of one registration version: a function of that version and the catalogue. */
export interface Receipt {
  academyName: string;
  number: string;
  version: number;
  savedAt: Date;
  sessionName: string;
  examName: string;
  specialtyName: string;
  /** Every field of the registration, as labels and values (`summarize`). */
  lines: SummaryLine[];
  /** The documents this version requires (what to provide and why); their states are in the list. */
  documents: { label: string; reason: string }[];
  /** The close of the registration window: documents are due before it. */
  closesAt: Date | undefined;
  desk: Desk | undefined;
  verification: { code: string; url: string };
}

/** « Liste des pièces justificatives »: the current state of each document. */
export interface DocumentList {
  academyName: string;
  number: string;
  version: number;
  candidateName: string;
  sessionName: string;
  examName: string;
  specialtyName: string;
  documents: {
    label: string;
    reason: string;
    state: DocumentStateLabel;
    refusalReason: string | null;
    reopenedUntil: Date | null;
    /** « Non concerné » decided by the office: its reason. */
    waiverReason: string | null;
  }[];
  closesAt: Date | undefined;
  desk: Desk | undefined;
  /** The instant the states were read. */
  asOf: Date;
}

export interface ReceiptRenderer {
  receipt(receipt: Receipt): Promise<Uint8Array>;
  documentList(list: DocumentList): Promise<Uint8Array>;
}

export interface ReceiptsContext {
  registrations: RegistrationsContext;
  /** RECEIPT_KEY: signs the verification codes. */
  key: string;
  /** Verification links are `${publicUrl}/verifier/<code>`. */
  publicUrl: URL;
  render: ReceiptRenderer;
}

/** A PDF file ready to send. */
export interface PdfFile {
  filename: string;
  bytes: Uint8Array;
}
