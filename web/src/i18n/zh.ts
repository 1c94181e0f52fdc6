import { householdsText } from './zh/households';
import { auditText } from './zh/audit';
import { visitsText } from './zh/visits';
import { contactCardsText } from './zh/contact-cards';
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
import { notificationsText } from './zh/notifications';
import { whistlesText } from './zh/whistles';

/** Chinese texts, one file per area of the app (common, console, mobile, resident). */
export const zh = { common, visits: visitsText, adminUsers: adminUsersText, console: consoleText, mobile: mobileText, resident: residentText, residentAccount: residentAccountText, apiKeys: apiKeysText, notifications: notificationsText, audit: auditText, calendar: calendarText, supervision: supervisionText, privacy: privacyText, households: householdsText, contactCards: contactCardsText, whistles: whistlesText };
export type Texts = typeof zh;
