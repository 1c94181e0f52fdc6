/*
 * The pii_reveals table lives in platform/personal-data (the households module records reveals
 * too, and privacy sits above every module); re-exported here for privacy's own files.
 */
export { piiReveals, piiSubjectTypes, type PiiSubjectType } from '../../platform/personal-data/reveals.tables.js';
