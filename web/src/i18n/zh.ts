import { householdsText } from './zh/households';
import { visitsText } from './zh/visits';
import { assignmentsText } from './zh/assignments';
import { contactCardsText } from './zh/contact-cards';
import { auditText } from './zh/audit';
import { calendarText } from './zh/calendar';
import { supervisionText } from './zh/supervision';
import { adminUsersText } from './zh/admin-users';
import { common } from './zh/common';
import { consoleText } from './zh/console';
import { mobileText } from './zh/mobile';
import { residentText } from './zh/resident';
import { residentAccountText } from './zh/resident-account';
import { privacyText } from './zh/privacy';
import { apiKeysText } from './zh/api-keys';
import { classificationText } from './zh/classification';
import { notificationsText } from './zh/notifications';
import { whistlesText } from './zh/whistles';
import { duplicatesText } from './zh/duplicates';

/** Chinese texts, one file per area of the app (common, console, mobile, resident). */
export const zh = { common, visits: visitsText, adminUsers: adminUsersText, console: consoleText, mobile: mobileText, resident: residentText, residentAccount: residentAccountText, apiKeys: apiKeysText, notifications: notificationsText, audit: auditText, calendar: calendarText, supervision: supervisionText, privacy: privacyText, households: householdsText, assignments: assignmentsText, whistles: whistlesText, contactCards: contactCardsText, classification: classificationText, duplicates: duplicatesText };
export type Texts = typeof zh;
