import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';

export type Level = 'county' | 'town' | 'village' | 'grid';

/** A chosen node: `value` is `level:code`, so a form can check levels without another lookup. */
export interface NodeChoice {
  value: string;
  label: string;
}

export function nodeChoice(node: { code: string; name: string; level: string }): NodeChoice {
  return { value: `${node.level}:${node.code}`, label: node.name };
}

export function codeOf(choice: NodeChoice): string {
  return choice.value.slice(choice.value.indexOf(':') + 1);
}

export function levelOf(choice: NodeChoice): Level {
  return choice.value.slice(0, choice.value.indexOf(':')) as Level;
}

interface Option {
  id: string;
  pId?: string;
  value: string;
  title: string;
  level: Level;
  isLeaf: boolean;
}

interface Props {
  value?: NodeChoice | NodeChoice[] | null;
  onChange?: (value: NodeChoice | NodeChoice[] | undefined) => void;
  multiple?: boolean;
  /** Levels that may be chosen; the others stay in the tree (to open) but are greyed out. */
  selectable?: readonly Level[];
  /** Do not open below this level (e.g. units never sit at a grid). */
  deepest?: Level;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

const depth: Record<Level, number> = { county: 0, town: 1, village: 2, grid: 3 };

/**
 * The signed-in person's territory as a tree that opens level by level (GET /api/v1/territories/{code}),
 * starting from their own nodes. Typing searches the whole territory on the server
 * (GET /api/v1/territories/search) and adds the matches with their chain, so a grid is found without
 * opening its town and village first. Nodes outside it never appear.
 */
export function TerritoryTreeSelect({ value, onChange, multiple, selectable, deepest = 'grid', placeholder, allowClear, style, id, ...rest }: Props) {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [children, setChildren] = useState<Option[]>([]);
  // Nodes whose children have all been loaded (a search adds only the matching ones).
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<string[]>([]);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(searchTimer.current), []);
  const roots = useMemo<Option[]>(
    () =>
      (user?.nodes ?? []).map((n) => ({
        id: n.code,
        value: `${n.level}:${n.code}`,
        title: n.name,
        level: n.level as Level,
        isLeaf: depth[n.level as Level] >= depth[deepest],
      })),
    [user, deepest],
  );
  const treeData = useMemo(
    () => [...roots, ...children].map((o) => ({ ...o, disabled: selectable ? !selectable.includes(o.level) : false })),
    [roots, children, selectable],
  );

  const loadData = async (node: { id?: string; value?: unknown }) => {
    const code = String(node.id ?? '');
    if (!code || loaded.has(code)) return;
    const detail = await queryClient.fetchQuery({
      queryKey: ['territory', code],
      queryFn: () => call(api.GET('/api/v1/territories/{code}', { params: { path: { code } } })),
      staleTime: 5 * 60_000,
    });
    const kids: Option[] = detail.children.map((c) => ({
      id: c.code,
      pId: code,
      value: `${c.level}:${c.code}`,
      title: c.name,
      level: c.level,
      isLeaf: depth[c.level] >= depth[deepest],
    }));
    setChildren((old) => [...old.filter((o) => !kids.some((k) => k.id === o.id)), ...kids]);
    setLoaded((old) => new Set(old).add(code));
  };

  const merge = (found: Option[]) =>
    setChildren((old) => [...old, ...found.filter((f) => !old.some((o) => o.id === f.id) && !roots.some((r) => r.id === f.id))]);

  const search = (text: string) => {
    clearTimeout(searchTimer.current);
    const q = text.trim();
    if (!q) return;
    searchTimer.current = setTimeout(async () => {
      try {
        const found = await queryClient.fetchQuery({
          queryKey: ['territory-search', q],
          queryFn: () => call(api.GET('/api/v1/territories/search', { params: { query: { q, limit: 30 } } })),
          staleTime: 60_000,
        });
        const nodes = found.nodes.filter((n) => depth[n.level] <= depth[deepest]);
        merge(nodes.map((n) => ({ id: n.code, pId: n.parentCode ?? undefined, value: `${n.level}:${n.code}`, title: n.name, level: n.level, isLeaf: depth[n.level] >= depth[deepest] })));
        // Open the chain down to each match (the tree expands by value).
        const parents = nodes.filter((n) => depth[n.level] < depth[deepest] && nodes.some((m) => m.parentCode === n.code)).map((n) => `${n.level}:${n.code}`);
        setExpanded((old) => [...new Set([...old, ...parents])]);
      } catch {
        // The tree still filters what is already open.
      }
    }, 250);
  };

  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadData}
      labelInValue
      multiple={multiple}
      value={value ?? undefined}
      onChange={(v: unknown) => onChange?.((v ?? undefined) as NodeChoice | NodeChoice[] | undefined)}
      showSearch
      onSearch={search}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320, maxHeight: 420, overflow: 'auto' } } }}
      maxTagCount="responsive"
    />
  );
}
