import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import type { GridCollection } from '../shared/map/GridMap';
import { PhoneTitle } from './kit/PhoneShell';
import { ReportForm, type CreatedCase } from './kit/ReportForm';

/** 上报问题 on patrol: the same form as residents', channel `patrol`, with the worker's grids on the map. */
export function PatrolReportPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [created, setCreated] = useState<CreatedCase | null>(null);
  const [formKey, setFormKey] = useState(0);
  const under = user?.nodes[0]?.code;
  const grids = useQuery({
    queryKey: ['grids-export', under],
    enabled: !!under,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/grids/export', { params: { query: { under } } });
      return (data ?? null) as unknown as GridCollection | null;
    },
  });
  if (created) {
    return (
      <>
        <PhoneTitle title={t('mobile.patrol.title')} />
        <Result status="success" title={t('mobile.patrol.submitted', { number: created.number })} description={created.grid?.name ?? ''} />
        <div style={{ padding: 16, display: 'grid', gap: 10 }}>
          <Button block color="primary" size="large" onClick={() => navigate(`/m/cases/${created.id}`)}>
            {t('mobile.patrol.viewCase')}
          </Button>
          <Button block size="large" onClick={() => { setCreated(null); setFormKey((k) => k + 1); }}>
            {t('resident.done.another')}
          </Button>
        </div>
      </>
    );
  }
  return (
    <>
      <PhoneTitle title={t('mobile.patrol.title')} />
      <p className="wg-hint" style={{ padding: '8px 16px 0' }}>{t('mobile.patrol.intro')}</p>
      <ReportForm key={formKey} channel="patrol" askIdentity={false} grids={grids.data ?? null} onCreated={setCreated} />
    </>
  );
}
