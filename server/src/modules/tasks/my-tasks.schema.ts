import { z } from 'zod';

export const taskKinds = ['case', 'whistle', 'notice', 'visit'] as const;
export type TaskKind = (typeof taskKinds)[number];

/** What the person does about a task: a case action, 签收 a notice, or visit a household. */
export const taskActions = ['accept', 'dispatch', 'take', 'handle', 'close', 'approve-extension', 'check-in', 'report-progress', 'acknowledge', 'visit'] as const;
export type TaskAction = (typeof taskActions)[number];

export const taskItemView = z
  .object({
    key: z.string().describe('Stable within the list: kind, target and action'),
    kind: z.enum(taskKinds).describe('case: accept/dispatch/take/handle/verify; whistle: check in or report completion; notice: 签收 a 督办单; visit: a household on today’s list'),
    action: z.enum(taskActions),
    actionLabel: z.string(),
    title: z.string().describe('The case description (shortened), the notice number, or the household address'),
    detail: z.string().nullable().describe('Address of the case, or the case number and the notice text'),
    dueAt: z.string().nullable().describe('When it is due (respond/resolve limit, check-in window, reply deadline, end of today)'),
    isOverdue: z.boolean(),
    target: z.object({ type: z.enum(['case', 'notice', 'household']), id: z.string() }),
    case: z
      .object({ id: z.string(), number: z.string(), version: z.number().int(), colour: z.enum(['red', 'yellow', 'green']) })
      .nullable()
      .describe('The case the task is about (version: to act on it directly)'),
  })
  .meta({ id: 'TaskItem' });
export type TaskItem = z.infer<typeof taskItemView>;

export const taskListView = z
  .object({
    items: z.array(taskItemView).describe('Ordered by due time (none last); only what you can act on now'),
    counts: z.object({ case: z.number().int(), whistle: z.number().int(), notice: z.number().int(), visit: z.number().int() }),
  })
  .meta({ id: 'TaskList' });
