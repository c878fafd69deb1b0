/**
 * Requests to the pôle about a registration: a change of address after the close (the
 * notice's rule) and a correction of identity (locked once registered); and the page where the
 * candidate follows one of their requests and reads the pôle's answers.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findSpecialty } from '../../../domain/catalogue/catalogue.js';
import { candidateRequest } from '../../../domain/office-requests/candidate-request.js';
import { ownedRegistration } from '../../../domain/receipts/owned-registration.js';
import { requestChange } from '../../../domain/registrations/request-change.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import { TextArea } from '../../views/choices.js';
import { DeskContact } from '../../views/desk-contact.js';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { WebDeps } from '../../web-deps.js';
import { MyRequestPage } from './my-request.view.js';
import { requireAccount } from './wizard.routes.js';
import { IDENTITY_LABELS } from './wizard-labels.js';

const params = z.object({
  number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  kind: z.enum(['adresse', 'etat-civil', 'question']),
});
const requestForm = z.record(z.string(), textField);

/** The address's word for each kind of request, and the words of its form. */
const REQUEST_KINDS = {
  adresse: 'address',
  'etat-civil': 'identity',
  question: 'question',
} as const;
const FORM_TEXTS: Record<
  z.infer<typeof params>['kind'],
  { title: string; messageLabel: string; hint: string }
> = {
  adresse: {
    title: 'Signaler un changement d’adresse',
    messageLabel: 'Précisions',
    hint: 'Facultatif',
  },
  'etat-civil': {
    title: 'Demander une correction d’état civil',
    messageLabel: 'Correction demandée',
    hint: 'Indiquez ce qui est à corriger et joignez la raison (par exemple une erreur de saisie).',
  },
  question: {
    title: 'Poser une question au pôle',
    messageLabel: 'Votre question',
    hint: 'Le pôle vous répond par courriel ; sa réponse s’affiche aussi dans votre espace.',
  },
};
const ADDRESS_FIELDS = ['addressLine1', 'addressLine2', 'postalCode', 'city', 'country'] as const;

export const requestRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  /**
   * The pôle that handles the candidate's registration `number`, named on the form with its
   * contacts. Another candidate's registration is answered like one that does not exist (404).
   */
  const ownedDesk = async (accountId: string, number: string): Promise<string | undefined> => {
    const registration = await deps.registrations.store.transaction((unit) =>
      ownedRegistration(unit, accountId, number),
    );
    const catalogue = deps.catalogue.current();
    return (
      catalogue && findSpecialty(catalogue, registration.examCode, registration.specialtyCode)
    )?.deskCode;
  };

  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    p: z.infer<typeof params>,
    deskCode: string | undefined,
    status: number,
    fields: Record<string, string>,
    errors: Record<string, string>,
    alert?: string,
  ): FastifyReply => {
    const ctx = pageContext(deps, request, reply);
    const address = p.kind === 'adresse';
    const { title, messageLabel, hint } = FORM_TEXTS[p.kind];
    const labels = { ...IDENTITY_LABELS, message: messageLabel };
    return sendPage(
      reply,
      status,
      <Layout
        ctx={ctx}
        title={errors && Object.keys(errors).length > 0 ? `Erreur – ${title}` : title}
      >
        <h1>{title}</h1>
        <p>
          Inscription n° {p.number}. Votre demande sera transmise au pôle qui gère votre examen :{' '}
          <DeskContact desks={ctx.desks} code={deskCode} />.
        </p>
        {alert && <Alert kind="error" title={alert} />}
        <ErrorSummary errors={errors} labels={labels} />
        <form
          method="post"
          action={`/demandes/${encodeURIComponent(p.number)}/${p.kind}`}
          novalidate
        >
          <CsrfField token={ctx.csrfToken} />
          {address &&
            ADDRESS_FIELDS.map((name) => (
              <Field
                name={name}
                label={IDENTITY_LABELS[name] ?? name}
                value={fields[name] ?? ''}
                error={errors[name]}
                required={name !== 'addressLine2' && name !== 'country'}
              />
            ))}
          <TextArea
            name="message"
            label={labels.message}
            hint={hint}
            value={fields.message}
            error={errors.message}
          />
          <button type="submit" class="fr-btn">
            Envoyer ma demande
          </button>
        </form>
      </Layout>,
    );
  };

  app.get('/demandes/:number/:kind', async (request, reply) => {
    const p = params.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const deskCode = await ownedDesk(request.account.id, p.data.number);
    return render(request, reply, p.data, deskCode, 200, {}, {});
  });

  app.post('/demandes/:number/:kind', async (request, reply) => {
    const p = params.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const account = requireAccount(request);
    const deskCode = await ownedDesk(account.id, p.data.number);
    const fields = parseForm(requestForm, request.body);
    try {
      await requestChange(deps.registrations, {
        accountId: account.id,
        accountEmail: account.email,
        registrationNumber: p.data.number,
        kind: REQUEST_KINDS[p.data.kind],
        message: fields.message ?? '',
        address: p.data.kind === 'adresse' ? fields : undefined,
        clientAddress: request.ip,
      });
      return reply.redirect('/espace?demande=1', 303);
    } catch (error) {
      const failure = formFailure(error, reply, deps.registrations.clock.now());
      if (failure.status === 404) throw error;
      return render(
        request,
        reply,
        p.data,
        deskCode,
        failure.status,
        fields,
        failure.fieldErrors,
        failure.alert,
      );
    }
  });
  // The candidate's own request: its state and the pôle's answers (the mails link here).
  app.get('/demandes/:id', async (request, reply) => {
    const id = z.object({ id: z.uuid() }).safeParse(request.params);
    if (!id.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const mine = await candidateRequest(deps.officeRequests, {
      accountId: request.account.id,
      requestId: id.data.id,
    });
    return sendPage(
      reply,
      200,
      <MyRequestPage
        ctx={pageContext(deps, request, reply)}
        mine={mine}
        catalogue={deps.catalogue.current()}
      />,
    );
  });
  return Promise.resolve();
};
