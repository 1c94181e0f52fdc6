import type { CaseExtension } from '../cases/index.js';
import { afterCaseChange } from './case-hooks.js';
import { duplicatesRoutes } from './duplicates.routes.js';

/** Merging makes the merged case's reporter a follower of the survivor; followers hear of the survivor's progress. */
const caseExtension: CaseExtension = { afterChange: afterCaseChange };

/**
 * Duplicates (重复件识别, docs/duplicates.md): open cases near a report that may be the same problem, scored by
 * distance, age and text; residents following (附议) an existing case instead of filing again.
 */
export const duplicatesModule = { name: 'duplicates', routes: duplicatesRoutes, caseExtension } as const;
