/**
 * 党群联系卡: printable contact cards for grids, households and villages.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { contactCardsModule } from './contact-cards.module.js';
