import { z } from 'zod';
import { multilineInput, textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';
import { caseStatuses } from '../cases/index.js';
import { crsValues } from '../territory/index.js';

const radiusM = z.number().int().min(10).max(5000).describe('Radius in metres (10–5000)');
const windowDays = z.number().int().min(1).max(365).describe('Time window in days (1–365)');
const categoryCode = textInput().regex(/^\d{4}$/, '小类编码为四位数字|a 4-digit category code');

export const rulesView = z
  .object({
    county: z.object({ radiusM: z.number(), windowDays: z.number() }).describe('The county default (for categories without their own rule, and reports without a category)'),
    version: z.number().describe('Send it back with PUT (0 before the first save)'),
    categories: z.array(z.object({ categoryCode: z.string(), categoryName: z.string(), radiusM: z.number(), windowDays: z.number() })),
  })
  .meta({ id: 'DuplicateRules' });

export const rulesBody = z.object({
  version: versionInput(0),
  county: z.object({ radiusM, windowDays }),
  categories: z.array(z.object({ categoryCode, radiusM, windowDays })).max(500),
});

export const similarBody = z.object({
  description: multilineInput().trim().min(2).max(2000),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  crs: z.enum(crsValues).default('wgs84'),
  categoryCode: categoryCode.optional(),
});

const reasons = {
  distanceM: z.number().describe('Metres from the report'),
  daysAgo: z.number().describe('Days since the candidate was reported (before the report or case compared)'),
  similarity: z.number().describe('Cosine similarity of character bigrams, 0–1'),
  followerCount: z.number(),
};

/** What anyone may see of a nearby case: no names, no places beyond a distance, digits masked. */
export const publicCandidate = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    category: z.string().nullable(),
    status: z.enum(caseStatuses),
    statusLabel: z.string(),
    summary: z.string().describe('The description cut short, digits masked'),
    ...reasons,
  })
  .meta({ id: 'SimilarCasePublic' });

export const staffCandidate = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    category: z.string().nullable(),
    categoryCode: z.string().nullable(),
    status: z.enum(caseStatuses),
    statusLabel: z.string(),
    description: z.string(),
    address: z.string().nullable(),
    reportedAt: z.string(),
    ...reasons,
    sameCategory: z.boolean(),
    sharedWords: z.array(z.string()),
    score: z.number().describe('0–1: text similarity, nearness in space and time, same category (docs/duplicates.md)'),
    isLikely: z.boolean().describe('A likely duplicate (score and similarity above the thresholds)'),
  })
  .meta({ id: 'SimilarCaseStaff' });

const ruleUsed = z.object({ scope: z.string().describe('`*` = the county default, else the category code'), radiusM: z.number(), windowDays: z.number() });

export const similarView = z
  .object({
    view: z.enum(['public', 'staff']),
    rule: ruleUsed,
    items: z.array(z.union([staffCandidate, publicCandidate])),
  })
  .meta({ id: 'SimilarCases' });

export const duplicatesView = z
  .object({ rule: ruleUsed.nullable().describe('Null when the case has no point'), items: z.array(staffCandidate) })
  .meta({ id: 'CaseDuplicates' });

export const flagsBody = z.object({ caseIds: z.array(textInput().uuid('案件编号格式不正确|not a case id')).min(1).max(100) });
export const flagsView = z
  .object({
    items: z.array(z.object({ caseId: z.string().uuid(), likelyCount: z.number(), best: z.object({ id: z.string().uuid(), number: z.string(), score: z.number() }) })),
  })
  .meta({ id: 'DuplicateFlags' });

export const followView = z
  .object({ caseId: z.string().uuid(), number: z.string(), isFollowing: z.boolean(), followerCount: z.number() })
  .meta({ id: 'FollowState' });

export const followRatingBody = z.object({
  rating: z.enum(['satisfied', 'fairlySatisfied', 'dissatisfied']).describe('满意 satisfied, 基本满意 fairlySatisfied, 不满意 dissatisfied'),
  comment: multilineInput().trim().max(500).optional(),
});

export const followersView = z
  .object({
    count: z.number(),
    items: z.array(
      z.object({
        id: z.string().uuid(),
        source: z.enum(['resident', 'merge']),
        hasAccount: z.boolean(),
        mergedFromNumber: z.string().nullable(),
        followedAt: z.string(),
        rating: z.enum(['satisfied', 'fairlySatisfied', 'dissatisfied']).nullable(),
        ratingComment: z.string().nullable(),
        ratedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CaseFollowers' });

export const followedCasesView = z
  .object({
    items: z.array(
      z.object({
        caseId: z.string().uuid(),
        number: z.string(),
        status: z.enum(caseStatuses),
        statusLabel: z.string(),
        category: z.string().nullable(),
        summary: z.string(),
        area: z.string(),
        source: z.enum(['resident', 'merge']),
        followedAt: z.string(),
        followerCount: z.number(),
        canRate: z.boolean(),
        rating: z.enum(['satisfied', 'fairlySatisfied', 'dissatisfied']).nullable(),
        ratedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'FollowedCases' });
