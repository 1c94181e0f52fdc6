import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/**
 * Puts the server's field errors (400/409 with `errors`) on the form's fields; returns whether any
 * landed. `aliases` maps server field names onto form names (e.g. nodeCodes → nodes).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form shape
export function showFieldErrors(form: FormInstance<any>, error: unknown, fieldNames: readonly string[], aliases: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || !error.problem?.errors?.length) return false;
  const byField = new Map<string, string[]>();
  for (const e of error.problem.errors) {
    const raw = e.field.split('.').at(-1) ?? e.field;
    const name = aliases[raw] ?? raw;
    if (fieldNames.includes(name)) byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
