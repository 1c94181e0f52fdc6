import type { CasePhotos } from '../cases/index.js';
import { actorPhotoClaim, requestPhotoClaim } from './photo-ownership.js';
import { attachPhotos, photosOfCase, publicPhotoRefs, staffPhotoRefs } from './photos.queries.js';

/** The photos port cases declares (cases/case-photos.ts), as this module provides it. */
export const photosForCases: CasePhotos = {
  attach: attachPhotos,
  ofCase: photosOfCase,
  staffRefs: staffPhotoRefs,
  publicRefs: publicPhotoRefs,
  claimOf: actorPhotoClaim,
  claimOfRequest: requestPhotoClaim,
};
