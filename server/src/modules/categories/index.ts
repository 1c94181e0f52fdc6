/**
 * Demand types and the 大类/小类 categories with their level, limits, clock and verification rule.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { categoriesModule } from './categories.module.js';
export { findCategory } from './categories.service.js';
export { CategoryCache, followCategoryChanges, reloadCategories } from './category-cache.js';
