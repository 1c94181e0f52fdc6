/**
 * The household registry (户籍人口): households and members, sealed ID numbers and phones, file imports.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { writeHouseholdBatch } from './household-batch.js';
export type { HouseholdInput } from './household-batch.js';
export { householdsModule } from './households.module.js';
export { dedupeKeyOf } from './households.vocabulary.js';
export { idNumberCheckChar } from './id-number.js';
