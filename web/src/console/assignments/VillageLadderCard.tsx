import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { staffLine } from './assignmentsApi';

/** 督办阶梯 of a village (or grid): who holds each tier, lowest first, and who stands in for an empty one. */
export function VillageLadderCard({ nodeCode }: { nodeCode: string | undefined }) {
  const { t, i18n } = useTranslation();
  const k = 'assignments.ladder';
  const ladder = useQuery({
    queryKey: ['assignment-ladder', nodeCode, i18n.language],
    queryFn: () => call(api.GET('/api/v1/assignments/ladder', { params: { query: { node: nodeCode! } } })),
    enabled: !!nodeCode,
  });
  return (
    <Card size="small" title={ladder.data ? [t(`${k}.title`), ladder.data.village.townName, ladder.data.village.name, ladder.data.grid?.name].filter(Boolean).join(' · ') : t(`${k}.title`)} data-testid="village-ladder">
      {!nodeCode ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${k}.choose`)} />
      ) : ladder.error ? (
        <Alert type="error" showIcon message={String(ladder.error.message)} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t(`${k}.intro`)}
          </Typography.Paragraph>
          <Steps
            direction="vertical"
            size="small"
            current={-1}
            items={(ladder.data?.steps ?? []).map((step) => ({
              title: t(`assignments.tiers.${step.tier}`),
              status: step.staff.length > 0 ? 'finish' : 'wait',
              description: (
                <div>
                  {step.staff.length > 0 ? (
                    step.staff.map((s) => <div key={s.id}>{staffLine(s)}</div>)
                  ) : (
                    <Typography.Text type="warning">{t(`${k}.nobody`)}</Typography.Text>
                  )}
                  {step.fallback ? (
                    <div style={{ marginTop: 4 }}>
                      <Tag color="orange">{t(`${k}.fallback`, { role: step.fallback.roleLabel })}</Tag>
                      {step.fallback.staff.map((s) => s.displayName).join('、')}
                    </div>
                  ) : null}
                </div>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
