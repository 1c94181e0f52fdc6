import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';

/** Picks a staff member of the caller's territory by name or username (GET /api/v1/staff). */
export function StaffSelect({ value, onChange, placeholder, id }: { value?: string; onChange?: (id: string | undefined) => void; placeholder?: string; id?: string }) {
  const [q, setQ] = useState('');
  const staff = useQuery({
    queryKey: ['staff-picker', q],
    queryFn: () => call(api.GET('/api/v1/staff', { params: { query: { q: q || undefined } } })),
    staleTime: 30_000,
  });
  return (
    <Select
      id={id}
      data-testid="staff-select"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      allowClear
      loading={staff.isFetching}
      placeholder={placeholder}
      options={(staff.data?.items ?? []).slice(0, 50).map((s) => ({ value: s.id, label: `${s.displayName}（${s.username} · ${s.roleLabel}）` }))}
    />
  );
}
