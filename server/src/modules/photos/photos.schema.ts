import { z } from 'zod';
import { textInput } from '../../platform/text.js';

export { photoIdList, photoRefView } from '../cases/index.js';

/** Largest upload accepted, before re-encoding. Phones' full-size JPEGs are 3–8 MB. */
export const maxPhotoBytes = 10 * 1024 * 1024;

export const uploadPhotoBody = z
  .object({ file: textInput().meta({ format: 'binary' }).describe('A JPEG, PNG or WebP image, at most 10 MB') })
  .describe('multipart/form-data with one file field named `file`');

export const uploadedPhotoView = z
  .object({
    id: z.string().uuid().describe('Send it in `photoIds` when reporting, or in `evidence` when handling'),
    width: z.number().int(),
    height: z.number().int(),
    suggestedLocation: z
      .object({ lat: z.number(), lng: z.number() })
      .nullable()
      .describe('WGS-84 position from the photo’s EXIF GPS, offered as the place of the report'),
    takenAt: z.string().nullable().describe('When the camera says the photo was taken (EXIF), ISO 8601'),
    uploadToken: z
      .string()
      .optional()
      .describe('Uploads without signing in only: send it as the X-Upload-Token header when reporting (browsers get it as a cookie too)'),
  })
  .meta({ id: 'UploadedPhoto' });

export const photoSizeQuery = z.object({
  size: z.enum(['full', 'thumb']).default('full').describe('thumb: at most 320 px on the longest side'),
});

export const casePhotoParams = z.object({
  id: textInput().uuid('案件编号格式不正确|not a case id'),
  photoId: textInput().uuid('照片编号格式不正确|not a photo id'),
});

// The public tracking number, as in cases.schema.ts `trackParams`, with the photo id.
export const trackPhotoParams = z.object({
  number: textInput().regex(/^\d{6}-\d{8}-\d{4,}$/, '案件编号格式应为 320305-20261122-0001|number like 320305-20261122-0001'),
  photoId: textInput().uuid('照片编号格式不正确|not a photo id'),
});
export const trackPhotoQuery = photoSizeQuery.extend({ code: textInput().trim().min(4).max(16) });
