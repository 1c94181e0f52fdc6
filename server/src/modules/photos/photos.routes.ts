import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { issueUploadToken } from './photo-ownership.js';
import { readCasePhoto, readTrackedPhoto, uploadPhoto } from './photos.service.js';
import { casePhotoParams, maxPhotoBytes, photoSizeQuery, trackPhotoParams, trackPhotoQuery, uploadPhotoBody, uploadedPhotoView } from './photos.schema.js';
import { publicRateLimit } from '../../platform/hardening.js';

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { detail: { zh: '照片不能超过 10 MB，请压缩后再上传', en: 'A photo may be at most 10 MB; shrink it and try again' } });

/** Reads the one `file` part into memory, turning the multipart plugin's errors into ours. */
async function readUpload(request: { file: () => Promise<{ toBuffer: () => Promise<Buffer> } | undefined> }): Promise<Buffer> {
  try {
    const part = await request.file();
    if (!part) throw invalidField('file', { zh: '请选择要上传的照片', en: 'choose a photo to upload' });
    return await part.toBuffer();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: { zh: '请以 multipart/form-data 上传照片(字段名 file)', en: 'Send multipart/form-data with a field named file' } });
    }
    throw error;
  }
}

function sendImage(reply: FastifyReply, photo: { bytes: Buffer; mimeType: string }) {
  // Stored photos never change, so a browser may keep them; `private` keeps them out of shared caches.
  return reply
    .type(photo.mimeType)
    .header('cache-control', 'private, max-age=86400, immutable')
    .header('x-content-type-options', 'nosniff')
    .send(photo.bytes);
}

export const photosRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Registered here only, so multipart parsing exists on the upload route and nowhere else.
  await app.register(multipart, { limits: { fileSize: maxPhotoBytes, files: 1, fields: 10, parts: 12 } });

  app.post(
    '/api/v1/photos',
    {
      config: publicRateLimit(ctx.config, 2),
      bodyLimit: maxPhotoBytes + 1024 * 1024,
      // The body is a multipart stream read by the handler, not JSON: the schema is for the document only.
      validatorCompiler: ({ httpPart }) => (httpPart === 'body' ? (data: unknown) => ({ value: data }) : () => ({ value: undefined })),
      schema: {
        tags: ['photos'],
        summary: 'Upload a photo (anyone; attach it when reporting or handling)',
        description:
          'multipart/form-data, field `file`: a JPEG, PNG or WebP of at most 10 MB (413 beyond; 415 when the bytes are not one of those, whatever the name says). ' +
          'EXIF GPS comes back as `suggestedLocation`; the stored image is re-encoded without metadata, upright, at most 2048 px, with a 320 px thumbnail. ' +
          'Only the uploader may attach the photo: a signed-in caller by who they are; without signing in, by the upload token — the HttpOnly cookie `wangge_upload` set here, ' +
          'or `uploadToken` from the answer sent back as the `X-Upload-Token` header when reporting.',
        consumes: ['multipart/form-data'],
        body: uploadPhotoBody,
        response: { 201: uploadedPhotoView },
      },
    },
    async (request, reply) => {
      const bytes = await readUpload(request);
      const uploadToken = request.actor.kind === 'public' ? issueUploadToken(request, reply) : undefined;
      return reply.code(201).send(await uploadPhoto(ctx, request.actor, bytes, uploadToken));
    },
  );

  app.get(
    '/api/v1/cases/:id/photos/:photoId',
    {
      schema: {
        tags: ['photos'],
        summary: 'A photo of a case (staff who may see the case; 404 otherwise)',
        description: 'Answers the JPEG bytes; `size=thumb` for the 320 px thumbnail.',
        params: casePhotoParams,
        querystring: photoSizeQuery,
      },
    },
    async (request, reply) =>
      sendImage(reply, await readCasePhoto(ctx, request.actor, request.params.id, request.params.photoId, request.query.size)),
  );

  app.get(
    '/api/v1/track/:number/photos/:photoId',
    {
      config: publicRateLimit(ctx.config, 8),
      schema: {
        tags: ['public'],
        summary: 'A photo of a case, by number and tracking code (report and result photos)',
        description: 'Answers the JPEG bytes; a wrong code answers 404 like a photo that does not exist.',
        params: trackPhotoParams,
        querystring: trackPhotoQuery,
      },
    },
    async (request, reply) =>
      sendImage(reply, await readTrackedPhoto(ctx, request.params.number, request.query.code, request.params.photoId, request.query.size)),
  );
};
