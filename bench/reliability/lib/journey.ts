/**
 * The load of the reliability scenarios: virtual candidates doing the whole journey through
 * the real pages (bench/lib/candidate.ts), each acknowledged write written to the ledger the
 * moment its answer arrives. Unlike the benchmark's loops, this one expects failures (the
 * server is killed, the database restarted): a failed journey is counted, its candidate
 * gives up, and the worker starts a fresh one after a short pause, until told to stop.
 */
import type { Dispatcher } from 'undici';
import { Browser, type ReplyObserver, StepError, formActions } from '../../lib/browser.js';
import {
  createAndActivate,
  declareAllProvided,
  fillWizard,
  identityFields,
  justificatifsPath,
  modifyWithWizard,
  saveFromRecap,
  signIn,
  uploadOne,
} from '../../lib/candidate.js';
import type { OutboxView } from '../../lib/database.js';
import type { UploadFile } from '../../lib/files.js';
import type { Ledger } from './ledger.js';

export interface JourneyTarget {
  bases: string[];
  dispatcher: Dispatcher;
  outbox: OutboxView;
  ledger: Ledger;
  /** Told of every answer, e.g. to check that failures are French 503 pages. */
  observer?: ReplyObserver | undefined;
}

export interface JourneyShape {
  files: readonly UploadFile[];
  /** « Modifier » then « Enregistrer » with a new address complement, this many times. */
  resaves: number;
  /** Stop after the first save: the file stays incomplete (a reminder is due for it). */
  registerOnly?: boolean;
}

/**
 * Account, activation, sign-in from a fresh browser, « M'inscrire », re-saves, one file per
 * document asked, « J'ai fourni toutes mes pièces ». Returns the registration number.
 */
export async function durableJourney(
  target: JourneyTarget,
  email: string,
  shape: JourneyShape,
): Promise<string> {
  const { ledger } = target;
  const b = new Browser(target.bases, target.dispatcher, undefined, undefined, target.observer);
  await createAndActivate(b, email, target.outbox);
  ledger.activated(email);
  b.forgetCookies();
  const csrf = await signIn(b, email);

  let addressLine2 = ledger.nextAddressLine2();
  await fillWizard(b, { ...identityFields(), addressLine2 });
  const { number } = await saveFromRecap(b);
  ledger.saved({ email, number, addressLine2 });
  if (shape.registerOnly) return number;
  for (let i = 0; i < shape.resaves; i += 1) {
    addressLine2 = ledger.nextAddressLine2();
    await modifyWithWizard(b, csrf, { ...identityFields(), addressLine2 });
    await saveFromRecap(b);
    ledger.saved({ email, number, addressLine2 });
  }

  const path = justificatifsPath(number);
  const page = await b.get('GET …/justificatifs', path);
  const documents = formActions(page, `${path}/pieces/`).map((a) => a.split('/').pop() ?? '');
  if (documents.length === 0) throw new StepError('GET …/justificatifs', 'no document asked');
  for (const [i, document] of documents.entries()) {
    const file = shape.files[i % shape.files.length];
    if (!file) throw new Error('no file to upload');
    await uploadOne(b, number, csrf, file, document);
    ledger.uploaded(email, number, document, file.bytes);
  }
  await declareAllProvided(b, number, csrf);
  ledger.declared(email, number);
  return number;
}

export interface LoadFigures {
  started: number;
  completed: number;
  failed: number;
  /** A few failures, as « step: detail ». */
  failureExamples: string[];
}

/**
 * `concurrency` workers running `journey(i)` one after another until `stop()`, or until
 * `limit` journeys have started (then `finished()` resolves when they have ended).
 */
export class JourneyLoad {
  private stopping = false;
  private workers: Promise<void>[] = [];
  private next = 0;
  private readonly figures: LoadFigures = {
    started: 0,
    completed: 0,
    failed: 0,
    failureExamples: [],
  };

  constructor(
    private readonly concurrency: number,
    private readonly journey: (index: number) => Promise<unknown>,
    /** Pause after a failure, so a worker does not spin against a server that is down. */
    private readonly pauseMs = 250,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}

  start(): this {
    this.workers = Array.from({ length: this.concurrency }, () => this.work());
    return this;
  }

  get snapshot(): Readonly<LoadFigures> {
    return this.figures;
  }

  /** Lets the journeys in progress end, then gives the figures. */
  async stop(): Promise<LoadFigures> {
    this.stopping = true;
    return this.finished();
  }

  /** Resolves when the workers have ended (after `stop()`, or once `limit` is reached). */
  async finished(): Promise<LoadFigures> {
    await Promise.all(this.workers);
    return { ...this.figures, failureExamples: [...this.figures.failureExamples] };
  }

  private async work(): Promise<void> {
    while (!this.stopping && this.next < this.limit) {
      const index = this.next++;
      this.figures.started += 1;
      try {
        await this.journey(index);
        this.figures.completed += 1;
      } catch (error) {
        this.figures.failed += 1;
        if (this.figures.failureExamples.length < 5)
          this.figures.failureExamples.push(error instanceof Error ? error.message : String(error));
        await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
      }
    }
  }
}
