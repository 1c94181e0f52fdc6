import { z } from 'zod';
import { textInput } from '../../platform/text.js';

// The phone is checked in the service (422 for a number that is not a mainland mobile), not here.
const phone = textInput().trim().max(20).describe('Mainland China mobile number: 11 digits, 1[3-9]…');

export const otpRequestBody = z.object({ phone }).meta({ id: 'ResidentOtpRequest' });

export const otpSentView = z
  .object({
    expiresInSeconds: z.number().int(),
    resendAfterSeconds: z.number().int().describe('Ask for another code after this many seconds at the earliest'),
    delivery: z.enum(['sms', 'server_log']).describe('server_log: demo mode, the code is printed in the server log instead of texted'),
  })
  .meta({ id: 'ResidentOtpSent' });

export const residentLoginBody = z
  .object({ phone, code: textInput().trim().max(12).describe('The 6-digit code from the text message') })
  .meta({ id: 'ResidentLogin' });

export const residentView = z
  .object({
    id: z.string().uuid(),
    phone: z.string().describe('Masked, e.g. 138****5678'),
  })
  .meta({ id: 'Resident' });

export const residentSessionView = z
  .object({
    token: z.string().describe('Bearer token (wgr_…); browsers also get the HttpOnly cookie wangge_resident'),
    expiresAt: z.string(),
    resident: residentView,
  })
  .meta({ id: 'ResidentSession' });

export const lastOtpQuery = z.object({ phone: textInput().trim().max(20) });
