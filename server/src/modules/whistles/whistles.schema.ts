import { z } from 'zod';
import { clockKinds } from '../categories/categories.tables.js';
import { roles } from '../../platform/roles.js';
import { ratingValues, whistleGrades } from './whistles.tables.js';
import { multilineInput, textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

const person = z.object({ id: z.string(), name: z.string() });

export const caseLoopView = z
  .object({
    whistles: z.array(
      z.object({
        id: z.string(),
        grade: z.enum(whistleGrades),
        gradeLabel: z.string(),
        reason: z.string(),
        blownAt: z.string(),
        blownBy: person,
        windowMinutes: z.number().int(),
        clock: z.enum(clockKinds),
        parties: z.array(
          z.object({
            id: z.string(),
            kind: z.enum(['unit', 'user', 'node']),
            partyId: z.string(),
            name: z.string(),
            state: z.enum(['waiting', 'overdue', 'checkedIn', 'completed']),
            isMine: z.boolean().describe('You are a member of this party (you may check in / report for it)'),
            checkInBy: z.string(),
            checkedInAt: z.string().nullable(),
            progressNote: z.string().nullable(),
            progressAt: z.string().nullable(),
            completedAt: z.string().nullable(),
            overdueAt: z.string().nullable(),
          }),
        ),
      }),
    ),
    urgeCount: z.number().int(),
    urges: z.array(z.object({ id: z.string(), at: z.string(), by: person.nullable(), note: z.string() })),
    ratings: z.array(
      z.object({
        id: z.string(),
        rating: z.enum(ratingValues),
        ratingLabel: z.string(),
        comment: z.string().nullable(),
        channel: z.enum(['tracking', 'resident', 'staff-on-behalf']),
        round: z.number().int(),
        at: z.string(),
      }),
    ),
    followUps: z.array(
      z.object({ id: z.string(), at: z.string(), by: person.nullable(), method: z.string(), result: z.string(), observedSatisfaction: z.string().nullable() }),
    ),
  })
  .meta({ id: 'CaseLoop' });

const gradeSettingView = z.object({
  grade: z.enum(whistleGrades),
  roles: z.array(z.enum(roles)),
  windowMinutes: z.number().int(),
  clock: z.enum(clockKinds),
  version: z.number().int().describe('0 while the default is in force'),
  customised: z.boolean(),
});

export const whistleSettingsView = z
  .object({
    grades: z.array(gradeSettingView),
    rating: z.object({
      reopenOnDissatisfied: z.boolean(),
      version: z.number().int(),
      customised: z.boolean(),
      categories: z.array(z.object({ categoryCode: z.string(), reopenOnDissatisfied: z.boolean(), version: z.number().int() })),
    }),
  })
  .meta({ id: 'WhistleSettings' });

export const gradeParams = z.object({ grade: z.enum(whistleGrades) });
export const gradeSettingBody = z.object({
  roles: z.array(z.enum(['grid_worker', 'cadre', 'community_staff', 'center_operator', 'leader'])).min(1).max(5),
  windowMinutes: z.number().int().min(5).max(60 * 24 * 30),
  clock: z.enum(clockKinds),
  version: versionInput(0).describe('The version you read (0 for a default)'),
});

export const ratingScopeParams = z.object({
  scope: textInput().regex(/^(default|\d{4})$/, '范围为 default 或四位小类编码|`default` or a 4-digit category code'),
});
export const ratingSettingBody = z.object({ reopenOnDissatisfied: z.boolean(), version: versionInput(0) });

const rating = z.enum(ratingValues).describe('满意 satisfied, 基本满意 fairlySatisfied, 不满意 dissatisfied');
const comment = multilineInput().trim().max(500).optional();
export const trackRatingBody = z.object({ code: textInput().trim().min(4).max(16), rating, comment });
export const residentRatingBody = z.object({ rating, comment });
