/**
 * The public pages, no account needed: the registration calendar (/calendrier and its
 * iCalendar file /calendrier.ics) and the pôles' contacts (/poles). They read only the
 * in-memory catalogue and the clock.
 *
 * Caching: the HTML pages are `no-store` like every page (a signed-in candidate's header is
 * their own), but the server keeps what an anonymous visitor gets for the current second of
 * its clock (public-page-cache.ts): the last-day rush reloads them. The ICS file is the same
 * for everyone and sets no cookie: shared caches may keep it a minute.
 */
import type { FastifyPluginAsync } from 'fastify';
import { deskDuties } from '../../../domain/catalogue/desk-duties.js';
import { pageContext } from '../../plugins/page-context.js';
import { PublicPageCache } from '../../public-page-cache.js';
import { SERVICE_NAME } from '../../views/layout.js';
import type { WebDeps } from '../../web-deps.js';
import { calendarFile, calendarFileName } from './calendar-file.js';
import { CalendarPage } from './calendar.view.js';
import { DesksPage } from './desks.view.js';
import { registrationCalendar } from './registration-calendar.js';

export const publicRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const now = (): Date => deps.registrations.clock.now();
  const cache = new PublicPageCache();

  app.get('/calendrier', (request, reply) => {
    const catalogue = deps.catalogue.current();
    const at = now();
    return cache.send(request, reply, { now: at, catalogue }, () => (
      <CalendarPage
        ctx={pageContext(deps, request, reply)}
        calendars={catalogue ? registrationCalendar(catalogue, at) : []}
        now={at}
      />
    ));
  });

  app.get('/calendrier.ics', (_request, reply) => {
    const catalogue = deps.catalogue.current();
    const file =
      catalogue &&
      calendarFile(catalogue, {
        publicUrl: deps.config.publicUrl,
        now: now(),
        serviceName: SERVICE_NAME,
      });
    if (!catalogue || !file) return reply.callNotFound();
    return reply
      .code(200)
      .header('cache-control', 'public, max-age=60')
      .header('content-disposition', `attachment; filename="${calendarFileName(catalogue)}"`)
      .type('text/calendar; charset=utf-8')
      .send(file);
  });

  app.get('/poles', (request, reply) => {
    const catalogue = deps.catalogue.current();
    return cache.send(request, reply, { now: now(), catalogue }, () => {
      const desks = (catalogue?.desks ?? []).map((desk) => ({
        desk,
        duties: catalogue ? deskDuties(catalogue, desk.code) : [],
      }));
      return <DesksPage ctx={pageContext(deps, request, reply)} desks={desks} />;
    });
  });

  return Promise.resolve();
};
