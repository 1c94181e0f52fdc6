import type { CaseExtension } from '../cases/index.js';
import { classificationCommands } from './classification.commands.js';
import { classificationRoutes } from './classification.routes.js';
import { recordFeedback } from './feedback.js';
import { suggestAtIntake } from './intake-suggestion.js';
import { nightlyTrainingJob, trainModelsJob } from './training.jobs.js';

const caseExtension: CaseExtension = {
  suggestCategory: suggestAtIntake,
  afterChange: recordFeedback,
};

/**
 * 智能分拨: category and route suggestion. Routes (models, training, settings, a case's suggestion, the forms'
 * hint), jobs (training on demand and nightly), intake's suggester and the feedback listener (`caseExtension`),
 * CLI `classification:train`.
 */
export const classificationModule = {
  name: 'classification',
  routes: classificationRoutes,
  jobs: [trainModelsJob, nightlyTrainingJob],
  caseExtension,
  commands: classificationCommands,
} as const;
