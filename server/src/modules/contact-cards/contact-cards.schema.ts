import { z } from 'zod';
import { assignmentTiers } from '../assignments/assignments.tables.js';
import { textInput } from '../../platform/text.js';

const code = textInput().trim().min(1).max(40);

export const gridCardParams = z.object({ gridCode: code.describe('The grid code (网格编码)') });
export const villageCardParams = z.object({ villageCode: code.describe('The village or community code') });
export const householdCardParams = z.object({ id: textInput().uuid().describe('The household id') });

const place = z.object({ code: z.string(), name: z.string() });

/** Exactly what the printed card shows (no ids, no household data), for the resident phone page. */
export const publicContactCardView = z
  .object({
    grid: place,
    village: place.extend({ kind: z.enum(['village', 'community']).nullable() }).nullable(),
    town: place.nullable(),
    county: place.nullable(),
    contacts: z.array(
      z.object({
        kind: z.enum(['cadre', 'grid_worker']),
        tier: z.enum(assignmentTiers).nullable(),
        label: z.object({ zh: z.string(), en: z.string() }),
        name: z.string(),
        title: z.string().nullable(),
        duties: z.string().nullable(),
        phone: z.string().nullable().describe('The work phone, published on the card on purpose (有事直联)'),
      }),
    ),
    reportUrl: z.string().describe('What the QR code opens: the report page located to this grid'),
  })
  .meta({ id: 'PublicContactCard' });

/** The PDF bytes: documented for the API reference; the handler sends a Buffer. */
export const pdfResponse = z.any().describe('application/pdf');
