import { contactCardsRoutes } from './contact-cards.routes.js';

/** Contact cards (党群联系卡, "一户一卡、有事直联"): printable PDFs per grid, village and household, and the resident phone page's data. */
export const contactCardsModule = { name: 'contact-cards', routes: contactCardsRoutes } as const;
