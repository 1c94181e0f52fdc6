import { z } from 'zod';
import { textInput } from '../../platform/text.js';
import { photoKinds } from './case-photos.js';

export const photoIdList = (max: number) =>
  z
    .array(textInput().uuid('照片编号格式不正确|not a photo id'))
    .max(max, `最多 ${max} 张照片|at most ${max} photos`)
    .refine((ids) => new Set(ids).size === ids.length, { message: '照片重复|the same photo appears twice' });

export const photoRefView = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(photoKinds).describe('report: sent with the report; evidence: the result of handling'),
    url: z.string(),
    thumbnailUrl: z.string(),
  })
  .meta({ id: 'PhotoRef' });
