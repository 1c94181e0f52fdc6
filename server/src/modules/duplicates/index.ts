/**
 * 重复件识别与附议: open cases near a new report that may be the same problem, and residents who follow a case instead of filing again.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { duplicatesModule } from './duplicates.module.js';
export { bigramCounts, cosine, distanceM, isLikelyDuplicate, scoreCandidate, textSimilarity } from './similarity.js';
