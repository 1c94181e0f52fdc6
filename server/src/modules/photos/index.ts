/**
 * Photos: upload, re-encode without metadata, thumbnails, and claiming them for a case or a visit.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { actorPhotoClaim } from './photo-ownership.js';
export { photosModule } from './photos.module.js';
export { attachPhotos } from './photos.queries.js';
export { photoIdList } from './photos.schema.js';
