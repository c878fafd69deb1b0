/** Migrations in code, in order. Each is small: SQLite DDL is not transactional. */
import type { Migration } from 'kysely';
import * as accounts from './0001-accounts.js';
import * as outbox from './0002-outbox.js';
import * as rateLimits from './0003-rate-limits.js';
import * as desks from './0004-desks.js';
import * as catalogue from './0005-catalogue.js';
import * as registrations from './0006-registrations.js';
import * as documentRules from './0007-document-rules.js';
import * as documents from './0008-documents.js';
import * as reminders from './0009-reminders.js';
import * as staff from './0010-staff.js';
import * as auditLog from './0011-audit-log.js';
import * as officeWork from './0012-office-work.js';
import * as officeRequests from './0013-office-requests.js';
import * as personalData from './0014-personal-data.js';
import * as officeList from './0015-office-list.js';
import * as dashboard from './0016-dashboard.js';
import * as documentWaivers from './0017-document-waivers.js';
import * as emailChange from './0018-email-change.js';
import * as declarationLifted from './0019-declaration-lifted.js';
import * as draftReminders from './0020-draft-reminders.js';

export const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-outbox': outbox,
  '0003-rate-limits': rateLimits,
  '0004-desks': desks,
  '0005-catalogue': catalogue,
  '0006-registrations': registrations,
  '0007-document-rules': documentRules,
  '0008-documents': documents,
  '0009-reminders': reminders,
  '0010-staff': staff,
  '0011-audit-log': auditLog,
  '0012-office-work': officeWork,
  '0013-office-requests': officeRequests,
  '0014-personal-data': personalData,
  '0015-office-list': officeList,
  '0016-dashboard': dashboard,
  '0017-document-waivers': documentWaivers,
  '0018-email-change': emailChange,
  '0019-declaration-lifted': declarationLifted,
  '0020-draft-reminders': draftReminders,
};
