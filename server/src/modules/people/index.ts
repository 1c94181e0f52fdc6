/**
 * Staff, units and sessions: sign-in, passwords, lock-out, user and unit administration.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { authenticate } from './auth.service.js';
export { passwordChangeGate } from './password-change-gate.js';
export { passwordProblemText, passwordProblems } from './password-policy.js';
export { hashPassword } from './passwords.js';
export { peopleModule } from './people.module.js';
export { nodesOfStaff, staffUnderPaths } from './people.queries.js';
export { territoryCode } from './people.schema.js';
export { presentProfile, profileColumns, profileInput, profileView } from './staff-profile.js';
