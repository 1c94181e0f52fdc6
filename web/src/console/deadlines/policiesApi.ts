import { api, call } from '../../api/client';
import type { paths } from '../../api/schema.gen';

export type Policy = paths['/api/v1/deadline-policies']['get']['responses'][200]['content']['application/json']['policies'][number];
export type PolicyBody = paths['/api/v1/deadline-policies']['post']['requestBody']['content']['application/json'];

export const policyKeys = { all: ['deadline-policies'] as const };

export const fetchPolicies = () => call(api.GET('/api/v1/deadline-policies'));
