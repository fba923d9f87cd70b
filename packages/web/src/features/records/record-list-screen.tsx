import { countOf } from '@lpdesk/contracts';
import { Badge, Box, Button, Drawer, Group, Menu, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconChevronDown, IconDownload, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toQueryString } from '../../api/client';
import { useCustomFields } from '../../api/hooks';
import type { CustomFieldDefinition, EntityType } from '../../api/types';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { BulkActions, type BulkSelection } from './bulk-actions';
import { ColumnChooser, useVisibleColumns } from './column-chooser';
import { downloadCsv, toCsv } from './csv';
import { formatCustomValue } from './custom-fields';
import { RecordCollection } from './record-cards';
import type { GridColumn } from './record-grid';
import { type FilterValues, RecordFilters } from './record-filters';
import { SelectionBanner } from './selection-banner';
import { useInfiniteRecords } from './use-infinite-records';
import { useListSelection } from './use-list-selection';
import { todayIso } from '../../ui/team-time';
import { DuplicatesButton } from '../identity/duplicates-button';
import { ImportLink } from '../imports/import-link';
import { SavedViewMenu } from '../views/saved-view-menu';
import { useSavedViews } from '../views/use-saved-views';
import { listViewState, paramsOfView } from '../views/view-state';
import type { SavedView } from '@lpdesk/contracts';

export interface RecordListConfig<T> {
  collection: 'contacts' | 'organizations';
  entityType: EntityType;
  title: string;
  plural: string;
  columns: GridColumn<T>[];
  kinds?: string[];
  newLabel: string;
  onNew: () => void;
  renderDetail: (id: string, close: () => void) => ReactNode;
}

const TABS = [
  { value: 'all', label: 'All' },
  { value: 'investors', label: 'Investors', relationship: 'investor' },
  { value: 'prospects', label: 'Prospects', relationship: 'prospect' },
] as const;

function customFieldColumn<T extends { customFields: Record<string, unknown> }>(definition: CustomFieldDefinition): GridColumn<T> {
  return {
    id: `cf:${definition.key}`,
    label: definition.label,
    width: '150px',
    render: (row) => (
      <Text size="sm" truncate>
        {formatCustomValue(definition, row.customFields[definition.key] as never)}
      </Text>
    ),
    csv: (row) => formatCustomValue(definition, row.customFields[definition.key] as never),
  };
}

export function RecordListScreen<T extends { id: string; customFields: Record<string, unknown> }>({ config }: { config: RecordListConfig<T> }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'all';
  const sort = params.get('sort');
  const openId = params.get('open');
  const filters: FilterValues = {
    ownerId: params.get('ownerId'),
    tagId: params.get('tagId'),
    stage: params.get('stage'),
    kind: params.get('kind'),
    customField: params.get('customField'),
  };
  const [search, setSearch] = useState(params.get('q') ?? '');

  const update = useCallback(
    (patch: Record<string, string | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const pushSearch = useDebouncedCallback((q: string) => update({ q: q.trim() || null }), 250);

  const customFields = useCustomFields(config.entityType);
  const { fields } = customFields;
  // Keyed on the query's data, which keeps its identity until the definitions change (`fields` is a new
  // array every render): new columns would re-render every row of the grid.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fields` is derived from `customFields.data`
  const allColumns = useMemo(() => [...config.columns, ...fields.map((f) => customFieldColumn<T>(f))], [config.columns, customFields.data]);
  const chosen = useVisibleColumns(config.collection, allColumns);
  // The chooser filters on every render; one array per column choice lets grid rows skip re-rendering.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `visible` is derived from these three
  const visibleColumns = useMemo(() => chosen.visible, [allColumns, chosen.hidden, chosen.order]);
  const columns = { ...chosen, visible: visibleColumns };

  // Saved views: the screen's state is its URL (filters, search, sort) plus the column choice; a view
  // link is `?view=<id>` with the view's filters, so it can be shared and reloaded.
  const activeViewId = params.get('view');
  const currentState = useMemo(() => listViewState(params, chosen.viewColumns), [params, chosen.viewColumns]);
  const applyView = (view: SavedView | null) => {
    setParams((current) => paramsOfView(current, view));
    setSearch(view?.state.search ?? '');
    if (view) chosen.applyViewColumns(view.state.columns);
  };
  const { views } = useSavedViews(config.collection);
  const appliedFromLink = useRef<string | null>(null);
  // Opening a view link: the view's columns follow it; its filters too when the link carries none.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per view id, when the views have loaded
  useEffect(() => {
    const view = views.find((v) => v.id === activeViewId);
    if (!view || appliedFromLink.current === view.id) return;
    appliedFromLink.current = view.id;
    const bare = !['tab', 'ownerId', 'tagId', 'stage', 'kind', 'customField', 'q', 'sort'].some((key) => params.has(key));
    if (bare) applyView(view);
    else chosen.applyViewColumns(view.state.columns);
  }, [views, activeViewId]);

  const relationship = TABS.find((t) => t.value === tab && 'relationship' in t);
  const query = {
    q: params.get('q') ?? undefined,
    sort: sort ?? undefined,
    relationship: relationship && 'relationship' in relationship ? relationship.relationship : undefined,
    ...Object.fromEntries(Object.entries(filters).filter(([key]) => key !== 'kind' || config.kinds)),
  };
  const records = useInfiniteRecords<T>(config.collection, query);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = records;
  const needMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // What the filters pick, without the order: the query a whole-list action is sent with.
  const { sort: _sort, ...unordered } = query;
  const filterQuery = Object.fromEntries(Object.entries(unordered).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const selection = useListSelection(JSON.stringify(filterQuery));
  const loadedIds = useMemo(() => new Set(records.rows.map((r) => r.id)), [records.rows]);
  const noun: [string, string] = [config.entityType, config.plural];
  // Every loaded row ticked and nothing left to load is the whole list too: send it as the query, not as ids.
  const coversAll = selection.allMatching || (selection.ids.size > 0 && selection.ids.size === records.total && records.rows.length === records.total);
  const bulkSelection: BulkSelection = coversAll ? { query: filterQuery } : { ids: [...selection.ids] };
  const selectedCount = coversAll ? records.total : selection.ids.size;

  const exportUrl = (format: 'csv' | 'xlsx' | 'vcf', scope: Record<string, string | undefined> = query) => `/api/${config.collection}/export${toQueryString({ ...scope, format })}`;
  const download = (url: string) => {
    const link = document.createElement('a');
    link.href = url;
    link.download = '';
    document.body.appendChild(link);
    link.click();
    link.remove();
  };
  // Picked rows are loaded already and export as the grid shows them; the whole list is exported by the server.
  const exportSelected = () => {
    if (coversAll) return download(exportUrl('csv', { ...filterQuery, sort: query.sort }));
    downloadCsv(
      `${config.collection}-${todayIso()}.csv`,
      toCsv(
        records.rows.filter((r) => selection.ids.has(r.id)),
        columns.visible.map((c) => ({ label: c.label, value: c.csv })),
      ),
    );
  };
  const filtered = Boolean(query.q) || Object.values(filters).some(Boolean) || tab !== 'all';

  return (
    <Stack gap="md">
      <PageHeader
        title={config.title}
        description={records.isSuccess ? countOf(records.total, ...noun) : ' '}
        actions={
          <>
            <DuplicatesButton entityType={config.collection === 'organizations' ? 'organization' : 'contact'} />
            <Button leftSection={<IconPlus size={16} />} onClick={config.onNew} data-testid={`new-${config.entityType}`}>
              {config.newLabel}
            </Button>
          </>
        }
      />
      <Tabs value={tab} onChange={(value) => update({ tab: value === 'all' ? null : value })}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Group gap="xs" style={{ flex: 1 }}>
          <SavedViewMenu
            screen={config.collection}
            currentState={currentState}
            activeViewId={activeViewId}
            onApply={(view) => {
              appliedFromLink.current = view?.id ?? null;
              applyView(view);
            }}
            exportHref={(view) => `/api/views/${view.id}/export?format=csv`}
          />
          <TextInput
            w={260}
            placeholder={`Search ${config.plural}…`}
            leftSection={<IconSearch size={16} />}
            value={search}
            aria-label="Search"
            data-testid="list-search"
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
          />
          <RecordFilters entityType={config.entityType} values={filters} onChange={update} {...(config.kinds ? { kinds: config.kinds } : {})} />
        </Group>
        <Group gap="xs">
          {/* Phones reach it from Settings → Import data; here it would push the other tools to a new line. */}
          <ImportLink entity={config.collection} visibleFrom="sm" />
          <Menu position="bottom-end" width={230}>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} disabled={records.total === 0} data-testid="export-menu">
                Export
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>All {countOf(records.total, ...noun)} in this list</Menu.Label>
              <Menu.Item onClick={() => download(exportUrl('csv'))} data-testid="export-csv">
                CSV
              </Menu.Item>
              <Menu.Item onClick={() => download(exportUrl('xlsx'))} data-testid="export-xlsx">
                Excel (XLSX)
              </Menu.Item>
              {config.collection === 'contacts' && (
                <Menu.Item onClick={() => download(exportUrl('vcf'))} data-testid="export-vcf">
                  vCard (address book)
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
          <ColumnChooser columns={chosen.ordered} hidden={columns.hidden} onToggle={columns.toggle} onMove={columns.move} />
        </Group>
      </Group>
      {selectedCount > 0 && (
        <BulkActions collection={config.collection} selection={bulkSelection} count={selectedCount} noun={noun} onClear={selection.clear} onExport={exportSelected} />
      )}
      <SelectionBanner
        selectedCount={selection.allMatching ? records.rows.length : selection.ids.size}
        loadedCount={records.rows.length}
        total={records.total}
        allMatching={selection.allMatching}
        noun={noun}
        onSelectAllMatching={selection.selectAllMatching}
        onClear={selection.clear}
      />
      {records.isPending ? (
        <ListSkeleton rows={10} />
      ) : records.rows.length === 0 ? (
        <Box py="xl" style={{ border: '1px dashed var(--lp-border)', borderRadius: 12 }}>
          <Empty
            icon={<IconUsers size={22} />}
            title={filtered ? `No ${config.plural} match` : `No ${config.plural} yet`}
            description={filtered ? 'Try a different search or clear the filters.' : `Add your first one to get started.`}
            action={
              !filtered && (
                <Group gap="xs" justify="center">
                  <Button size="sm" onClick={config.onNew}>
                    {config.newLabel}
                  </Button>
                  <ImportLink entity={config.collection} size="sm" label="Import from a CSV file" data-testid="import-empty-list" />
                </Group>
              )
            }
          />
        </Box>
      ) : (
        <RecordCollection
          label={config.title}
          rows={records.rows}
          total={records.total}
          columns={columns.visible}
          sort={sort}
          onSort={(next) => update({ sort: next })}
          selected={selection.allMatching ? loadedIds : selection.ids}
          onSelectedChange={selection.setIds}
          onOpen={(row) => update({ open: row.id })}
          onNeedMore={needMore}
          height="calc(100vh - 300px)"
        />
      )}
      {records.rows.length > 0 && records.rows.length < records.total && (
        <Text size="xs" c="dimmed">
          Showing {records.rows.length.toLocaleString('en-US')} of {records.total.toLocaleString('en-US')} — scroll to load more{' '}
          {isFetchingNextPage && <Badge size="xs">loading</Badge>}
        </Text>
      )}
      <Drawer
        opened={Boolean(openId)}
        onClose={() => update({ open: null })}
        position="right"
        size={760}
        padding="lg"
        withCloseButton={false}
        aria-label="Record details"
      >
        {openId && config.renderDetail(openId, () => update({ open: null }))}
      </Drawer>
    </Stack>
  );
}
