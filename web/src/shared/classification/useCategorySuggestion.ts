import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';

/** Texts shorter than this get no suggestion: too little to go on. */
const minLength = 6;

/**
 * The county model's top categories for what is being typed (POST /api/v1/classification/suggest), asked half a
 * second after typing stops. Empty while too short, and when no model is switched on (docs/classification.md).
 */
export function useCategorySuggestion(description: string | undefined): Schemas['CategorySuggestion']['categories'] {
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled((description ?? '').trim()), 500);
    return () => clearTimeout(timer);
  }, [description]);
  const query = useQuery({
    queryKey: ['category-suggestion', settled],
    enabled: settled.length >= minLength,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => call(api.POST('/api/v1/classification/suggest', { body: { description: settled } })),
  });
  return settled.length >= minLength ? (query.data?.categories ?? []) : [];
}
