/** « Vérifier un récapitulatif »: the form, the answer for a genuine code, the refusal. */
import type { VNode } from 'preact';
import { INVALID_CODE, type ReceiptVerification } from '../../../domain/receipts/verify-receipt.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Alert } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export const VERIFY_TITLE = 'Vérifier un récapitulatif d’inscription';

function CodeForm({ value }: { value?: string }): VNode {
  return (
    <form method="get" action="/verifier" class="fr-mb-4w">
      <div class="fr-input-group">
        <label class="fr-label" for="champ-code">
          Code de vérification
          <span class="fr-hint-text" id="champ-code-aide">
            Il est imprimé sous le code QR du récapitulatif et en bas de chaque page (lettres et
            chiffres, par groupes de quatre). Les majuscules et les tirets sont facultatifs.
          </span>
        </label>
        <input
          class="fr-input"
          id="champ-code"
          name="code"
          type="text"
          value={value}
          maxLength={48}
          autocomplete="off"
          spellcheck={false}
          required
          aria-describedby="champ-code-aide"
        />
      </div>
      <button type="submit" class="fr-btn">
        Vérifier
      </button>
    </form>
  );
}

export function VerifyFormPage({ ctx }: { ctx: PageContext }): VNode {
  return (
    <Layout ctx={ctx} title={VERIFY_TITLE}>
      <h1>{VERIFY_TITLE}</h1>
      <p class="fr-text--lead">
        Un candidat vous présente la confirmation de son inscription ? Lisez son code QR, ou
        saisissez le code de vérification qui y figure, pour savoir si elle a bien été délivrée par
        le service des examens et si elle est à jour.
      </p>
      <CodeForm />
    </Layout>
  );
}

export function VerifiedPage({
  ctx,
  result,
}: {
  ctx: PageContext;
  result: ReceiptVerification;
}): VNode {
  return (
    <Layout ctx={ctx} title="Récapitulatif authentique">
      <h1>{VERIFY_TITLE}</h1>
      <Alert kind="success" title="Ce récapitulatif est authentique">
        <p>
          Il a été délivré par le service des examens pour l’inscription n° {result.number}, version{' '}
          {result.version}.
        </p>
      </Alert>
      {result.newer ? (
        <Alert
          kind="warning"
          title={`Une version plus récente (version ${result.newer.version} du ${formatParisDateTime(result.newer.savedAt)}) existe`}
        >
          <p>
            Ce récapitulatif n’est plus à jour : l’inscription a été modifiée depuis. Demandez au
            candidat le récapitulatif de sa dernière version.
          </p>
        </Alert>
      ) : (
        <p>C’est la version la plus récente de cette inscription.</p>
      )}
      <dl>
        <dt class="fr-text--bold fr-mb-0">Inscription</dt>
        <dd class="fr-mb-1w">n° {result.number}</dd>
        <dt class="fr-text--bold fr-mb-0">Candidat</dt>
        <dd class="fr-mb-1w">{result.initials}</dd>
        <dt class="fr-text--bold fr-mb-0">Examen</dt>
        <dd class="fr-mb-1w">{result.examName}</dd>
        <dt class="fr-text--bold fr-mb-0">Spécialité</dt>
        <dd class="fr-mb-1w">{result.specialtyName}</dd>
        <dt class="fr-text--bold fr-mb-0">Session</dt>
        <dd class="fr-mb-1w">{result.sessionName}</dd>
        <dt class="fr-text--bold fr-mb-0">Version</dt>
        <dd class="fr-mb-1w">
          version {result.version}, enregistrée le {formatParisDateTime(result.savedAt)} (heure de
          Paris)
        </dd>
      </dl>
      <p class="fr-text--sm">
        Pour protéger les candidats, cette page ne montre que les initiales. Comparez le numéro
        d’inscription, l’examen et la version avec ceux du document présenté.
      </p>
    </Layout>
  );
}

export function InvalidCodePage({ ctx }: { ctx: PageContext }): VNode {
  return (
    <Layout ctx={ctx} title={INVALID_CODE}>
      <h1>{INVALID_CODE}</h1>
      <p class="fr-text--lead">
        Vérifiez que vous l’avez recopié sans erreur. Un code qui n’a pas été délivré par le service
        des examens n’est pas reconnu.
      </p>
      <CodeForm />
    </Layout>
  );
}
