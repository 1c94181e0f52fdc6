import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActionTarget } from '../../shared/cases/case-actions';

const kindOrder = ['grid', 'village', 'town', 'user', 'unit'];

/** Value of a target option: `kind:id`. */
export function targetValue(t: ActionTarget): string {
  return `${t.kind}:${t.id}`;
}

export function parseTarget(value: string): { kind: string; id: string } {
  const at = value.indexOf(':');
  return { kind: value.slice(0, at), id: value.slice(at + 1) };
}

/** A Select over an action's allowed targets, grouped by kind (grids, villages, people, units…). */
export function TargetSelect({ targets, value, onChange, id }: { targets: ActionTarget[]; value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation();
  const kinds = [...new Set(targets.map((x) => x.kind))].sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b));
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('console.actions.selectTarget')}
      value={value}
      onChange={onChange}
      style={{ width: '100%' }}
      options={kinds.map((kind) => ({
        label: t(`console.actions.targetKinds.${kind}`, { defaultValue: kind }),
        title: kind,
        options: targets
          .filter((x) => x.kind === kind)
          .map((x) => ({ value: targetValue(x), label: x.code && x.kind !== 'user' ? `${x.name}（${x.code}）` : x.name })),
      }))}
    />
  );
}
