import { App, Button, Checkbox, DatePicker, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCaseStatuses } from '../../shared/cases/useCaseStatuses';
import { errorMessage } from '../../shared/errors';
import { codeOf, TerritoryTreeSelect } from '../people/TerritoryTreeSelect';
import { findCaseByNumber, type CaseFilters } from './caseApi';
import { caseNumberPattern, channels, colours, levels } from './format';
import { useCategoryOptions } from './useCategories';

/**
 * The inbox's filter row. The search box looks a case up by its number (and opens it), or else searches the text.
 * `search` is the box's text, held by the page so a saved view can set it.
 */
export function InboxFilters({ filters, patch, reset, search, setSearch }: { filters: CaseFilters; patch: (p: Partial<CaseFilters>) => void; reset: () => void; search: string; setSearch: (text: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [looking, setLooking] = useState(false);
  const categories = useCategoryOptions();
  const statuses = useCaseStatuses();

  async function lookup(value: string) {
    const text = value.trim();
    if (caseNumberPattern.test(text)) {
      setLooking(true);
      try {
        const found = await findCaseByNumber(text);
        if (found) navigate(`/console/cases/${found.id}`);
        else message.warning(t('console.inbox.lookupNotFound', { number: text }));
      } catch (e) {
        message.error(t('console.inbox.lookupFailed', { message: errorMessage(e, t) }));
      } finally {
        setLooking(false);
      }
      return;
    }
    patch({ q: text || undefined });
  }
  const categoryTree = categories.options.map((g) => ({ ...g, children: g.children.map((c) => ({ ...c, isLeaf: true })) }));

  return (
    <div className="wg-inbox-filters" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
      <Input.Search
        data-testid="inbox-search"
        style={{ width: 360 }}
        allowClear
        value={search}
        placeholder={t('console.inbox.lookupPlaceholder')}
        enterButton={t('console.inbox.search')}
        loading={looking}
        onChange={(e) => {
          setSearch(e.target.value);
          if (!e.target.value && filters.q) patch({ q: undefined });
        }}
        onSearch={(v) => void lookup(v)}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 220 }}
        placeholder={t('console.inbox.status')}
        value={filters.status ?? []}
        onChange={(v) => patch({ status: v })}
        options={statuses.options}
      />
      <Select allowClear style={{ width: 92 }} placeholder={t('console.inbox.colour')} value={filters.colour} onChange={(v) => patch({ colour: v })} options={colours.map((c) => ({ value: c, label: t(`console.inbox.colours.${c}`) }))} />
      <Select allowClear style={{ width: 116 }} placeholder={t('console.inbox.level')} value={filters.level} onChange={(v) => patch({ level: v })} options={levels.map((l) => ({ value: l, label: t(`console.inbox.levels.${l}`) }))} />
      <TreeSelect
        allowClear
        showSearch
        treeNodeFilterProp="title"
        style={{ width: 180 }}
        placeholder={t('console.inbox.category')}
        value={filters.category}
        onChange={(v: string | undefined) => patch({ category: v })}
        treeData={categoryTree}
        loading={categories.isLoading}
        popupMatchSelectWidth={280}
      />
      <TerritoryTreeSelect
        allowClear
        style={{ width: 200 }}
        data-testid="inbox-territory"
        placeholder={t('console.inbox.territory')}
        value={filters.territory ? { value: `node:${filters.territory}`, label: filters.territoryName ?? filters.territory } : null}
        onChange={(v) => {
          const choice = Array.isArray(v) ? v[0] : v;
          patch({ territory: choice ? codeOf(choice) : undefined, territoryName: choice ? String(choice.label) : undefined });
        }}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 170 }}
        placeholder={t('console.inbox.channel')}
        value={filters.channel ?? []}
        onChange={(v) => patch({ channel: v })}
        options={channels.map((c) => ({ value: c, label: t(`console.inbox.channels.${c}`) }))}
        data-testid="inbox-channel"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        style={{ width: 250 }}
        placeholder={[t('console.inbox.from'), t('console.inbox.to')]}
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(range) => patch({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        data-testid="inbox-dates"
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('console.inbox.assignee')}
        value={filters.assignee}
        onChange={(v) => patch({ assignee: v })}
        options={[
          { value: 'me', label: t('console.inbox.assigneeMe') },
          { value: 'none', label: t('console.inbox.assigneeNone') },
        ]}
      />
      <Checkbox checked={!!filters.overdue} onChange={(e) => patch({ overdue: e.target.checked || undefined })} style={{ alignSelf: 'center' }}>
        {t('console.inbox.overdueOnly')}
      </Checkbox>
      <Button type="link" onClick={reset}>
        {t('console.inbox.reset')}
      </Button>
    </div>
  );
}
