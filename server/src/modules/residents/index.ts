/**
 * Residents who sign in with phone + one-time code: OTP challenges, resident sessions.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { authenticateResident, requireResident, residentTokenPrefix } from './resident-auth.service.js';
export { residentsModule } from './residents.module.js';
