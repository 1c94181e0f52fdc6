/**
 * Cases (诉求) from intake to closure: the state machine, the policy, one way to change a case, views and tracking.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { caseNotFound, performCaseAction } from './actions.service.js';
export { reopenEffect } from './case-action-effects.js';
export { commitCaseChange } from './case-change.js';
export { staffOnly, systemCaseActor } from './case-extension.js';
export type { ActionEffect, CaseChange, CaseExtension, EffectFn, EffectInput, RatingState, IntakeCase, IntakeReport, IntakeSuggestion } from './case-extension.js';
export { factsOfCases } from './case-facts.js';
export { actionLabels, caseStatuses, openStatuses, resolvingStatuses, statusLabels, transitions, whistleGradeLabels } from './case-machine.js';
export type { CaseAction, CaseStatus } from './case-machine.js';
export { photoIdList, photoRefView } from './case-photos.schema.js';
export type { CasePhotos, PhotoClaim } from './case-photos.js';
export { casesModule } from './cases.module.js';
export { actorParties, decide, isPartyMember, nextLevel, nodeHandlerRoles } from './cases.policy.js';
export type { CaseFacts, PartyFacts } from './cases.policy.js';
export { caseScope, findCaseInScope } from './cases.queries.js';
export { caseIdParams, demandTypeCodes, parseActionBody, trackParams, trackView } from './cases.schema.js';
export type { CreateCaseInput } from './cases.schema.js';
export { createCase } from './intake.service.js';
export { issuingOffice } from './issuing-office.js';
export { findTrackedCase, newTrackingCode, presentTrackedCase, trackingCodeOf } from './tracking.service.js';
