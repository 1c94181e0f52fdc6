import { ApiError, csrfToken, type Problem } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import i18n from '../../i18n';

export type HouseholdListItem = paths['/api/v1/households']['get']['responses'][200]['content']['application/json']['items'][number];
export type HouseholdDetail = paths['/api/v1/households/{id}']['get']['responses'][200]['content']['application/json'];
export type HouseholdMember = HouseholdDetail['members'][number];
export type HouseholdImport = paths['/api/v1/household-imports/{id}']['get']['responses'][200]['content']['application/json'];
export type UploadedImport = paths['/api/v1/household-imports']['post']['responses'][201]['content']['application/json'];
export type UpdateHouseholdBody = paths['/api/v1/households/{id}']['patch']['requestBody']['content']['application/json'];

export const householdTags = ['elderly_alone', 'dibao', 'disabled', 'left_behind_child', 'key_attention', 'empty_nest', 'extreme_poverty', 'veteran'] as const;
export const memberRelations = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'in_law', 'other'] as const;
export const importFields = ['grid', 'address', 'building', 'unit', 'room', 'name', 'phone', 'idNumber', 'relation', 'tags', 'lat', 'lng'] as const;
export const requiredImportFields = ['grid', 'address', 'name'];

/** One colour per tag, so a table of households reads at a glance. */
export const tagColours: Record<string, string> = {
  elderly_alone: 'volcano',
  dibao: 'gold',
  disabled: 'purple',
  left_behind_child: 'cyan',
  key_attention: 'red',
  empty_nest: 'orange',
  extreme_poverty: 'magenta',
  veteran: 'geekblue',
};

/** The upload goes as multipart (the typed client speaks JSON only). */
export async function uploadHouseholdFile(file: File): Promise<UploadedImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch('/api/v1/household-imports', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new ApiError(res.status, body as Problem | null);
  return body as UploadedImport;
}

export async function downloadText(url: string): Promise<Blob> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' } });
  if (!res.ok) throw new ApiError(res.status, null);
  return res.blob();
}
