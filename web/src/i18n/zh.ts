import { auditText } from './zh/audit';
import { common } from './zh/common';
import { consoleText } from './zh/console';
import { mobileText } from './zh/mobile';
import { residentText } from './zh/resident';

/** Chinese texts, one file per area of the app (common, console, mobile, resident). */
export const zh = { common, console: consoleText, mobile: mobileText, resident: residentText, audit: auditText };
export type Texts = typeof zh;
