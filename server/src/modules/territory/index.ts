/**
 * The territory tree (county → town → village → grid), the in-memory grid index that locates a point, grid imports and the public outlines.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { crsValues, toWgs84 } from './coordinates.js';
export { readCountyDivisions } from './division-codes.js';
export { bboxOf } from './geometry.js';
export type { Geometry } from './geometry.js';
export { exportGrids, importGrids } from './grid-import.service.js';
export { GridIndexHolder, geometryContains } from './grid-index.js';
export type { GridIndex, IndexedGrid } from './grid-index.js';
export type { TerritoryExtension } from './territory-extension.js';
export { territoryModule } from './territory.module.js';
export { ancestorsOf, countyNode, findNodeByCode, findNodeById, nodesByCodes, nodesByIds, nodesUnderPath } from './territory.queries.js';
export { buildGridIndex, followGridChanges, reloadGridIndex } from './territory.service.js';
