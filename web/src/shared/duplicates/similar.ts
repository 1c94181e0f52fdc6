import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';

/** What a report form has so far, for "附近已有相似问题" (resident phone form, console new-case form). */
export interface ReportDraft {
  description: string;
  lat?: number | undefined;
  lng?: number | undefined;
  categoryCode?: string | null | undefined;
}

/** The draft, once it is worth asking about (a description of 5+ characters and a point), settled for 600 ms. */
export function useSettledDraft(draft: ReportDraft): ReportDraft | null {
  const [settled, setSettled] = useState<ReportDraft | null>(null);
  const ready = draft.description.trim().length >= 5 && draft.lat !== undefined && draft.lng !== undefined;
  const { description, lat, lng, categoryCode } = draft;
  useEffect(() => {
    if (!ready) return setSettled(null);
    const timer = setTimeout(() => setSettled({ description, lat, lng, categoryCode }), 600);
    return () => clearTimeout(timer);
  }, [ready, description, lat, lng, categoryCode]);
  return settled;
}

/** POST /cases/similar for a settled draft (staff get their scope with reasons, residents masked close matches). */
export function useSimilarCases(draft: ReportDraft | null) {
  return useQuery({
    queryKey: ['similar-cases', draft],
    enabled: draft !== null,
    queryFn: () =>
      call(
        api.POST('/api/v1/cases/similar', {
          body: { description: draft!.description.trim(), lat: draft!.lat!, lng: draft!.lng!, crs: 'wgs84', ...(draft!.categoryCode ? { categoryCode: draft!.categoryCode } : {}) },
        }),
      ),
    staleTime: 60_000,
  });
}
