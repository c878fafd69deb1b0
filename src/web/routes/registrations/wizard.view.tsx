/** The pages of the « M'inscrire » wizard: conditions, identity, candidature, récapitulatif. */
import type { VNode } from 'preact';
import type {
  Exam,
  ExamOptions,
  ExamSession,
  RegistrationWindow,
  Specialty,
} from '../../../domain/catalogue/catalogue.js';
import type { RawFields } from '../../../domain/registrations/registration-form.js';
import type { SummaryLine } from '../../../domain/registrations/registration-summary.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Checkbox, RadioGroup, Select, TextArea } from '../../views/choices.js';
import { DeskContact } from '../../views/desk-contact.js';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { Stepper } from '../../views/stepper.js';
import { CANDIDATURE_LABELS, IDENTITY_LABELS, STEP_TITLES } from './wizard-labels.js';

export interface WizardFrame {
  ctx: PageContext;
  exam: Exam;
  specialty: Specialty;
  session: ExamSession;
  window: RegistrationWindow;
  base: string;
}

function Frame({
  frame,
  step,
  errors,
  children,
}: {
  frame: WizardFrame;
  step: number;
  errors: Record<string, string>;
  children: preact.ComponentChildren;
}): VNode {
  const title = STEP_TITLES[step - 1] ?? '';
  return (
    <Layout
      ctx={frame.ctx}
      title={`${Object.keys(errors).length ? 'Erreur – ' : ''}${title} – M’inscrire`}
    >
      <h1>
        M’inscrire : {frame.exam.shortName} {frame.specialty.name}
      </h1>
      <p>
        {frame.session.name} – inscriptions ouvertes jusqu’au{' '}
        {formatParisDateTime(frame.window.closesAt)} (heure de Paris).
      </p>
      <Stepper titles={STEP_TITLES} current={step} />
      {children}
    </Layout>
  );
}

function StepButtons({ first = false }: { first?: boolean }): VNode {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
      <li>
        <button type="submit" name="action" value="suivant" class="fr-btn">
          Suivant
        </button>
      </li>
      {!first && (
        <li>
          <button type="submit" name="action" value="precedent" class="fr-btn fr-btn--secondary">
            Précédent
          </button>
        </li>
      )}
    </ul>
  );
}

export function ConditionsStep({
  frame,
  accepted,
  error,
}: {
  frame: WizardFrame;
  accepted: boolean;
  error?: string | undefined;
}): VNode {
  return (
    <Frame frame={frame} step={1} errors={error ? { conditions: error } : {}}>
      <ErrorSummary
        errors={error ? { conditions: error } : {}}
        labels={{ conditions: 'Modalités d’inscription' }}
      />
      <h2 class="fr-h4">Modalités d’inscription</h2>
      <ul>
        <li>
          Les inscriptions se font uniquement par internet. Aucune inscription n’est reçue après la
          clôture.
        </li>
        <li>
          À la fin, cliquez sur « Enregistrer » : une inscription non enregistrée n’existe pas.
        </li>
        <li>
          Vous pourrez modifier votre inscription jusqu’à la clôture. Votre état civil, une fois
          enregistré, ne se corrige plus que par une demande au pôle qui gère votre examen (depuis «
          Mes inscriptions »).
        </li>
        <li>
          Après l’enregistrement, téléchargez votre confirmation dans « Mes documents » et déposez
          vos pièces justificatives dans « Mes justificatifs », avant la clôture.
        </li>
        <li>
          Tout changement d’adresse postale après la clôture doit être signalé aussitôt au pôle qui
          gère votre examen (depuis « Mes inscriptions »).
        </li>
      </ul>
      <p>
        Pôle qui gère votre examen :{' '}
        <DeskContact desks={frame.ctx.desks} code={frame.specialty.deskCode} />.
      </p>
      <form method="post" action={`${frame.base}/conditions`}>
        <CsrfField token={frame.ctx.csrfToken} />
        <Checkbox
          name="conditions"
          label="J’ai pris connaissance des modalités d’inscription et je les accepte."
          checked={accepted}
          error={error}
        />
        <StepButtons first />
      </form>
    </Frame>
  );
}

export function IdentityStep({
  frame,
  fields,
  errors,
  lockedSummary,
}: {
  frame: WizardFrame;
  fields: RawFields;
  errors: Record<string, string>;
  lockedSummary: SummaryLine[] | undefined;
}): VNode {
  const f = (
    name: string,
    props: {
      type?: 'text' | 'tel' | 'date';
      hint?: string;
      autocomplete?: string;
      required?: boolean;
    } = {},
  ): VNode => (
    <Field
      name={name}
      label={IDENTITY_LABELS[name] ?? name}
      value={fields[name] ?? ''}
      error={errors[name]}
      {...props}
    />
  );
  return (
    <Frame frame={frame} step={2} errors={errors}>
      <ErrorSummary errors={errors} labels={IDENTITY_LABELS} />
      <form method="post" action={`${frame.base}/identite`} novalidate>
        <CsrfField token={frame.ctx.csrfToken} />
        {lockedSummary ? (
          <section class="fr-mb-4w">
            <h2 class="fr-h4">État civil</h2>
            <p>
              Votre état civil a été enregistré avec votre première inscription. Pour le corriger,
              faites une demande au pôle depuis « Mes inscriptions » :{' '}
              <DeskContact desks={frame.ctx.desks} code={frame.specialty.deskCode} />.
            </p>
            <dl>
              {lockedSummary.map((line) => (
                <>
                  <dt class="fr-text--bold">{line.label}</dt>
                  <dd>{line.value}</dd>
                </>
              ))}
            </dl>
          </section>
        ) : (
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">État civil</legend>
            <div class="fr-fieldset__element">
              {f('birthName', {
                autocomplete: 'family-name',
                hint: 'Tel qu’il figure sur votre pièce d’identité',
              })}
            </div>
            <div class="fr-fieldset__element">
              {f('usageName', { required: false, hint: 'Facultatif' })}
            </div>
            <div class="fr-fieldset__element">
              {f('firstNames', {
                autocomplete: 'given-name',
                hint: 'Tous vos prénoms, dans l’ordre de l’état civil',
              })}
            </div>
            <div class="fr-fieldset__element">
              <RadioGroup
                name="sex"
                legend="Sexe"
                inline
                value={fields.sex}
                error={errors.sex}
                options={[
                  { value: 'F', label: 'Féminin' },
                  { value: 'M', label: 'Masculin' },
                ]}
              />
            </div>
            <div class="fr-fieldset__element">
              {f('birthDate', {
                type: 'date',
                autocomplete: 'bday',
                hint: 'Format attendu : JJ/MM/AAAA',
              })}
            </div>
            <div class="fr-fieldset__element">{f('birthCommune')}</div>
            <div class="fr-fieldset__element">
              {f('birthCountry', { hint: 'Exemple : France' })}
            </div>
            <div class="fr-fieldset__element">
              {f('nationality', { hint: 'Exemple : française' })}
            </div>
          </fieldset>
        )}
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Coordonnées</legend>
          <div class="fr-fieldset__element">
            {f('addressLine1', { autocomplete: 'address-line1', hint: 'Numéro et voie' })}
          </div>
          <div class="fr-fieldset__element">
            {f('addressLine2', {
              autocomplete: 'address-line2',
              required: false,
              hint: 'Facultatif : bâtiment, appartement, lieu-dit',
            })}
          </div>
          <div class="fr-fieldset__element">
            {f('postalCode', { autocomplete: 'postal-code', hint: 'Exemple : 86000' })}
          </div>
          <div class="fr-fieldset__element">{f('city', { autocomplete: 'address-level2' })}</div>
          <div class="fr-fieldset__element">
            {f('country', {
              autocomplete: 'country-name',
              hint: 'France si vous n’indiquez rien',
              required: false,
            })}
          </div>
          <div class="fr-fieldset__element">
            {f('phone', { type: 'tel', autocomplete: 'tel', hint: 'Exemple : 06 12 34 56 78' })}
          </div>
        </fieldset>
        <StepButtons />
      </form>
    </Frame>
  );
}

export function CandidatureStep({
  frame,
  options,
  fields,
  errors,
}: {
  frame: WizardFrame;
  options: ExamOptions;
  fields: RawFields;
  errors: Record<string, string>;
}): VNode {
  const choices = (list: { code: string; label: string }[]): { value: string; label: string }[] =>
    list.map((c) => ({ value: c.code, label: c.label }));
  return (
    <Frame frame={frame} step={3} errors={errors}>
      <ErrorSummary errors={errors} labels={{ ...CANDIDATURE_LABELS, ...unitLabels(options) }} />
      <form method="post" action={`${frame.base}/candidature`} novalidate>
        <CsrfField token={frame.ctx.csrfToken} />
        <RadioGroup
          name="status"
          legend="Statut"
          value={fields.status}
          error={errors.status}
          options={[
            { value: 'individuel', label: 'Candidat individuel' },
            { value: 'distance', label: 'Inscrit à une formation d’enseignement à distance' },
          ]}
        />
        <Field
          name="distanceBody"
          label="Organisme d’enseignement à distance"
          hint="Seulement si vous êtes inscrit à distance. Exemple : CNED"
          value={fields.distanceBody ?? ''}
          error={errors.distanceBody}
          required={false}
        />
        <RadioGroup
          name="eligibilityRoute"
          legend="Voie d’accès : à quel titre vous présentez-vous ?"
          value={fields.eligibilityRoute}
          error={errors.eligibilityRoute}
          options={choices(options.eligibilityRoutes)}
        />
        <RadioGroup
          name="format"
          legend="Forme de l’examen"
          hint="Globale : toutes les épreuves à la même session. Progressive : une partie des épreuves à chaque session."
          value={fields.format}
          error={errors.format}
          options={options.formats.map((f) => ({
            value: f,
            label: f === 'globale' ? 'Globale' : 'Progressive',
          }))}
        />
        {Array.from({ length: options.languageCount }, (_, i) => (
          <Select
            name={`language${i + 1}`}
            label={options.languageCount > 1 ? `Langue vivante ${i + 1}` : 'Langue vivante'}
            options={choices(options.languages)}
            value={fields[`language${i + 1}`]}
            error={errors[`language${i + 1}`]}
          />
        ))}
        {options.optionalTests.length > 0 && (
          <Select
            name="optionalTest"
            label="Épreuve facultative"
            hint="Facultatif"
            placeholder="Aucune"
            options={choices(options.optionalTests)}
            value={fields.optionalTest}
            error={errors.optionalTest}
          />
        )}
        {options.units.length > 0 && (
          <fieldset class="fr-fieldset fr-mt-4w">
            <legend class="fr-fieldset__legend">
              Notes conservées et dispenses
              <span class="fr-hint-text">
                Une note d’au moins 10 sur 20 obtenue à une session des cinq dernières années peut
                être conservée. Un diplôme déjà obtenu peut dispenser d’une épreuve.
              </span>
            </legend>
            {options.units.map((unit) => (
              <div class="fr-fieldset__element">
                <fieldset class="fr-fieldset candidat-unit">
                  <legend class="fr-fieldset__legend fr-fieldset__legend--regular">
                    {unit.label}
                  </legend>
                  <div class="fr-fieldset__element">
                    <Checkbox
                      name={`kept_${unit.code}`}
                      label="Je conserve ma note"
                      checked={fields[`kept_${unit.code}`] === 'oui'}
                      error={errors[`kept_${unit.code}`]}
                    />
                  </div>
                  <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Field
                      name={`keptYear_${unit.code}`}
                      label="Session (année)"
                      value={fields[`keptYear_${unit.code}`] ?? ''}
                      error={errors[`keptYear_${unit.code}`]}
                      required={false}
                    />
                  </div>
                  <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Field
                      name={`keptMark_${unit.code}`}
                      label="Note sur 20"
                      value={fields[`keptMark_${unit.code}`] ?? ''}
                      error={errors[`keptMark_${unit.code}`]}
                      required={false}
                    />
                  </div>
                  <div class="fr-fieldset__element">
                    <Checkbox
                      name={`exempt_${unit.code}`}
                      label="Je demande une dispense"
                      checked={fields[`exempt_${unit.code}`] === 'oui'}
                    />
                  </div>
                  <div class="fr-fieldset__element">
                    <Field
                      name={`exemptDiploma_${unit.code}`}
                      label="Diplôme qui vous dispense"
                      value={fields[`exemptDiploma_${unit.code}`] ?? ''}
                      error={errors[`exemptDiploma_${unit.code}`]}
                      required={false}
                    />
                  </div>
                </fieldset>
              </div>
            ))}
          </fieldset>
        )}
        <RadioGroup
          name="arrangements"
          legend="Demandez-vous un aménagement des épreuves (situation de handicap) ?"
          hint="L’aménagement est décidé après l’avis d’un médecin désigné par la CDAPH."
          inline
          value={fields.arrangements}
          error={errors.arrangements}
          options={[
            { value: 'non', label: 'Non' },
            { value: 'oui', label: 'Oui' },
          ]}
        />
        <TextArea
          name="arrangementsDetails"
          label="Nature de l’aménagement demandé"
          hint="Facultatif"
          value={fields.arrangementsDetails}
          error={errors.arrangementsDetails}
        />
        <StepButtons />
      </form>
    </Frame>
  );
}

function unitLabels(options: ExamOptions): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const u of options.units) {
    labels[`kept_${u.code}`] = `${u.label} – note conservée`;
    labels[`keptYear_${u.code}`] = `${u.label} – session`;
    labels[`keptMark_${u.code}`] = `${u.label} – note`;
    labels[`exemptDiploma_${u.code}`] = `${u.label} – diplôme`;
  }
  return labels;
}

export function SummaryTable({ lines }: { lines: SummaryLine[] }): VNode {
  const sections = [...new Set(lines.map((l) => l.section))];
  return (
    <>
      {sections.map((section) => (
        <section class="fr-mb-4w">
          <h2 class="fr-h4">{section}</h2>
          <dl class="candidat-summary">
            {lines
              .filter((l) => l.section === section)
              .map((l) => (
                <>
                  <dt class="fr-text--bold">{l.label}</dt>
                  <dd>{l.value}</dd>
                </>
              ))}
          </dl>
        </section>
      ))}
    </>
  );
}

export function RecapStep({
  frame,
  lines,
  revision,
  stepErrors,
  alert,
}: {
  frame: WizardFrame;
  lines: SummaryLine[] | undefined;
  revision: number;
  stepErrors: { step: string; path: string }[];
  alert?: string | undefined;
}): VNode {
  return (
    <Frame frame={frame} step={4} errors={{}}>
      {alert && <Alert kind="error" title={alert} />}
      {stepErrors.length > 0 ? (
        <Alert kind="error" title="Votre inscription est incomplète">
          <ul>
            {stepErrors.map((e) => (
              <li>
                <a href={e.path}>Compléter l’étape « {e.step} »</a>
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        lines && (
          <>
            <p>
              Vérifiez vos informations, puis cliquez sur « Enregistrer ». Tant que vous n’avez pas
              enregistré, votre inscription n’existe pas.
            </p>
            <SummaryTable lines={lines} />
            <form method="post" action={`${frame.base}/enregistrer`}>
              <CsrfField token={frame.ctx.csrfToken} />
              <input type="hidden" name="revision" value={String(revision)} />
              <ul class="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button type="submit" class="fr-btn">
                    Enregistrer
                  </button>
                </li>
                <li>
                  <a class="fr-btn fr-btn--secondary" href={`${frame.base}/candidature`}>
                    Précédent
                  </a>
                </li>
              </ul>
            </form>
          </>
        )
      )}
    </Frame>
  );
}
