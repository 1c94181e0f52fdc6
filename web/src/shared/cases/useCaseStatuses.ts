import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';

export type CaseStatusInfo = Schemas['CaseStatuses']['items'][number];
export type CaseStatus = CaseStatusInfo['status'];

/** The statuses once per visit: they change only with the server's state machine. */
export function fetchCaseStatuses(): Promise<CaseStatusInfo[]> {
  return call(api.GET('/api/v1/cases/statuses')).then((body) => body.items);
}

export const caseStatusesQuery = { queryKey: ['case-statuses'], queryFn: fetchCaseStatuses, staleTime: Infinity } as const;

/**
 * The case statuses as the server's state machine has them (GET /cases/statuses): in lifecycle order, labelled
 * in the reader's language, and which are open (still need work). The web keeps no status list of its own.
 */
export function useCaseStatuses() {
  const { i18n } = useTranslation();
  const query = useQuery(caseStatusesQuery);
  const all = query.data ?? [];
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return {
    isLoading: query.isLoading,
    error: query.error,
    statuses: all,
    /** Undefined until loaded, so queries that filter by it can wait (`enabled: !!open`). */
    open: query.data ? all.filter((s) => s.open).map((s) => s.status) : undefined,
    label: (status: string, language: 'zh' | 'en' = lang) => all.find((s) => s.status === status)?.label[language] ?? status,
    options: all.map((s) => ({ value: s.status, label: s.label[lang] })),
  };
}
