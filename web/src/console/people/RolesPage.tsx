import { CheckOutlined } from '@ant-design/icons';
import { Alert, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { PageLoading } from '../PageLoading';
import { useRoles, type RoleMatrix } from './peopleApi';

type Row = { key: string; label: string; code?: string; cells: Record<string, ReactNode> };
const k = 'adminUsers.roles';

/** 角色权限: roles × permissions, plus the territory each role may hold. Read-only. */
export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const roles = useRoles();
  const matrix: RoleMatrix | undefined = roles.data;
  const rows: Row[] = matrix
    ? [
        ...matrix.permissions.map((p) => ({
          key: p.code,
          label: p.label[lang],
          code: p.code,
          cells: Object.fromEntries(matrix.roles.map((r) => [r.role, r.permissions.includes(p.code) ? <CheckOutlined style={{ color: '#389e0d' }} aria-label={t(`${k}.yes`)} /> : null])),
        })),
        {
          key: 'levels',
          label: t(`${k}.levels`),
          cells: Object.fromEntries(
            matrix.roles.map((r) => [
              r.role,
              <span key={r.role} style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, justifyContent: 'center' }}>
                {r.nodeLevels.map((l) => (
                  <Tag key={l} style={{ marginInlineEnd: 0 }}>
                    {t(`adminUsers.levels.${l}`)}
                  </Tag>
                ))}
              </span>,
            ]),
          ),
        },
        {
          key: 'unit',
          label: t(`${k}.requiresUnit`),
          cells: Object.fromEntries(matrix.roles.map((r) => [r.role, r.requiresUnit ? t(`${k}.yes`) : <Typography.Text type="secondary">{t(`${k}.no`)}</Typography.Text>])),
        },
      ]
    : [];
  const columns: TableColumnsType<Row> = [
    {
      title: t(`${k}.permission`),
      key: 'permission',
      fixed: 'left',
      width: 240,
      render: (_, row) => (
        <div>
          <div>{row.label}</div>
          {row.code ? <div className="wg-cell-sub">{row.code}</div> : null}
        </div>
      ),
    },
    ...(matrix?.roles ?? []).map((r) => ({ title: r.label[lang], key: r.role, align: 'center' as const, render: (_: unknown, row: Row) => row.cells[r.role] })),
  ];
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t(`${k}.title`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      {roles.isError ? <Alert type="error" showIcon message={t(`${k}.loadFailed`, { message: errorMessage(roles.error, t) })} /> : null}
      {roles.isPending ? (
        <PageLoading />
      ) : (
        <Table<Row> rowKey="key" size="middle" bordered columns={columns} dataSource={rows} pagination={false} scroll={{ x: 1000 }} data-testid="roles-matrix" />
      )}
    </div>
  );
}
