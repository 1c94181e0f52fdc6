import { householdsText } from './en/households';
import { visitsText } from './en/visits';
import { assignmentsText } from './en/assignments';
import { contactCardsText } from './en/contact-cards';
import type { Texts } from './zh';
import { auditText } from './en/audit';
import { calendarText } from './en/calendar';
import { supervisionText } from './en/supervision';
import { adminUsersText } from './en/admin-users';
import { common } from './en/common';
import { consoleText } from './en/console';
import { mobileText } from './en/mobile';
import { residentText } from './en/resident';
import { residentAccountText } from './en/resident-account';
import { privacyText } from './en/privacy';
import { apiKeysText } from './en/api-keys';
import { classificationText } from './en/classification';
import { notificationsText } from './en/notifications';
import { whistlesText } from './en/whistles';
import { duplicatesText } from './en/duplicates';

/** English texts: the same keys as zh.ts (the type makes a missing key a compile error). */
export const en: Texts = { common, visits: visitsText, adminUsers: adminUsersText, console: consoleText, mobile: mobileText, resident: residentText, residentAccount: residentAccountText, apiKeys: apiKeysText, notifications: notificationsText, audit: auditText, calendar: calendarText, supervision: supervisionText, privacy: privacyText, households: householdsText, assignments: assignmentsText, whistles: whistlesText, contactCards: contactCardsText, classification: classificationText, duplicates: duplicatesText };
