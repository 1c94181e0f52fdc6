import { reopenEffect, staffOnly, type EffectFn } from '../cases/index.js';
import { applyRating } from './ratings.js';

/** 回访: a return visit by community or center staff; what they heard is the event's note. */
export const followUpEffect: EffectFn<'follow-up'> = async ({ body }) => ({
  patch: {},
  note: body.result,
  data: { method: body.method, ...(body.observedSatisfaction ? { observedSatisfaction: body.observedSatisfaction } : {}) },
});

/**
 * A rating: by the reporter (tracking page, 我的诉求) or recorded by staff on their behalf (given by
 * phone or in person). 不满意 may reopen the case: the reopen effect (fresh resolveBy, counted) is reused.
 */
export const rateEffect: EffectFn<'rate'> = async (input) => {
  const { actor } = input;
  const by = actor.kind === 'reporter' ? { channel: actor.channel, residentId: actor.residentId } : { channel: 'staff-on-behalf' as const, recordedBy: staffOnly(actor).id };
  const reopen = (reason: string) => reopenEffect({ ...input, body: { version: input.body.version, reason } });
  return applyRating(input.ctx, input.tx, input.row, input.facts, { rating: input.body.rating, comment: input.body.comment ?? null, ...by, now: input.now }, reopen);
};
