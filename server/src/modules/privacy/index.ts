/**
 * Personal data: the registry of sealed columns, reveal log, erasure and key rotation.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { privacyModule } from './privacy.module.js';
