import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { ConfusionHeatmap } from './ConfusionHeatmap';

type ClassReport = Schemas['ModelEvaluation']['perClass'][number];

/** A ratio as a percentage; null is "no data" (a class never predicted has no precision), never 0 %. */
export function percent(value: number | null | undefined, noData: string): string {
  return value === null || value === undefined ? noData : `${(value * 100).toFixed(1)}%`;
}

/** One model's held-out evaluation: the summary, precision and recall per class, the confusion matrix. */
export function EvaluationDrawer({ modelId, onClose }: { modelId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const noData = t('classification.evaluation.noData');
  const model = useQuery({
    queryKey: ['classification', 'model', modelId],
    queryFn: () => call(api.GET('/api/v1/classification/models/{id}', { params: { path: { id: modelId! } } })),
    enabled: !!modelId,
  });
  const data = model.data;
  return (
    <Drawer open={!!modelId} onClose={onClose} width={Math.min(1000, window.innerWidth - 40)} title={data ? t('classification.evaluation.title', { kind: t(`classification.kinds.${data.kind}`), version: data.version }) : ''}>
      {model.isLoading && <Skeleton active />}
      {model.error && <Alert type="error" showIcon message={errorMessage(model.error, t)} />}
      {data && (
        <>
          <Typography.Paragraph>
            {t('classification.evaluation.summary', {
              examples: data.evaluation.examples,
              accuracy: percent(data.evaluation.accuracy, noData),
              macroF1: percent(data.evaluation.macroF1, noData),
            })}
          </Typography.Paragraph>
          {!data.loads && <Alert type="error" showIcon message={t('classification.evaluation.corrupt')} style={{ marginBottom: 12 }} />}
          <Typography.Title level={5}>{t('classification.evaluation.perClass')}</Typography.Title>
          <Table<ClassReport>
            size="small"
            rowKey="label"
            dataSource={data.evaluation.perClass}
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            columns={[
              { title: t('classification.evaluation.label'), dataIndex: 'name', ellipsis: true },
              { title: t('classification.evaluation.precision'), dataIndex: 'precision', width: 100, render: (v: number | null) => percent(v, noData), sorter: (a, b) => (a.precision ?? -1) - (b.precision ?? -1) },
              { title: t('classification.evaluation.recall'), dataIndex: 'recall', width: 100, render: (v: number | null) => percent(v, noData), sorter: (a, b) => (a.recall ?? -1) - (b.recall ?? -1) },
              { title: t('classification.evaluation.f1'), dataIndex: 'f1', width: 90, render: (v: number | null) => percent(v, noData), sorter: (a, b) => (a.f1 ?? -1) - (b.f1 ?? -1) },
              { title: t('classification.evaluation.support'), dataIndex: 'support', width: 90, sorter: (a, b) => a.support - b.support },
            ]}
          />
          <Typography.Title level={5}>{t('classification.evaluation.confusion')}</Typography.Title>
          <ConfusionHeatmap names={data.evaluation.confusion.names} matrix={data.evaluation.confusion.matrix} />
        </>
      )}
    </Drawer>
  );
}
