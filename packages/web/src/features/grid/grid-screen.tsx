import type { GridColumnView } from '@lpdesk/contracts';
import { Alert, Box, Menu, Stack } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconMessagePlus, IconBuilding } from '@tabler/icons-react';
import type { GridApi } from 'ag-grid-community';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { apiDownload, errorMessage } from '../../api/client';
import { todayIso } from '../../ui/format';
import { PageHeader, PageSkeleton } from '../../ui/layout';
import { useComposers } from '../shell/composers';
import { CellHistoryDrawer } from './cell-history-drawer';
import type { GridRowData } from './columns';
import { ConflictDialog } from './conflict-dialog';
import { FilterBar } from './filter-bar';
import { GridPhoneList } from './grid-phone-list';
import { type FocusedCell, GridTable } from './grid-table';
import { GridToolbar } from './grid-toolbar';
import { GridViewMenu } from './grid-view-menu';
import { groupRows } from './grouping';
import { NewInvestorRow } from './new-investor';
import { computeTotals } from './totals';
import { useGridData } from './use-grid-data';
import { useGridPresence } from './use-grid-presence';
import { useGridViewState } from './use-grid-view-state';
import { viewRows } from './view-rows';
import './grid.css';

/** The fundraising grid: investors × funds, edited like a spreadsheet. */
export function GridScreen() {
  const { state, apply, setPartial } = useGridViewState();
  const [search, setSearch] = useState(state.search ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const data = useGridData(state.fundIds, q || undefined);
  const presence = useGridPresence();
  const { logCommunication } = useComposers();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 47.99em)');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<FocusedCell | null>(null);
  const [historyCell, setHistoryCell] = useState<FocusedCell | null>(null);
  const [menu, setMenu] = useState<{ cell: FocusedCell; x: number; y: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const apiRef = useRef<GridApi<GridRowData> | null>(null);

  const grid = data.query.data;
  const columns = grid?.columns ?? [];
  const byField = useMemo(() => new Map(columns.map((c) => [c.field, c] as [string, GridColumnView])), [columns]);
  const shown = useMemo(() => (grid ? viewRows(grid.rows, grid.columns, state, todayIso()) : []), [grid, state]);
  const labelFor = useCallback(
    (key: string) => {
      const column = state.groupBy ? byField.get(state.groupBy) : undefined;
      return column?.options?.find((o) => o.value === key)?.label ?? (column?.type === 'stage' ? key.replace('_', ' ') : key);
    },
    [byField, state.groupBy],
  );
  const rows = useMemo(() => (grid ? groupRows(shown, grid.columns, state.groupBy, collapsed, labelFor) : []), [grid, shown, state.groupBy, collapsed, labelFor]);
  // The server's totals are over every row it sent; with a client filter they are recomputed over what shows.
  const totals = useMemo(() => {
    if (!grid) return {};
    const filtered = (state.filters?.conditions.length ?? 0) > 0;
    return filtered ? computeTotals(grid.columns, shown) : { ...computeTotals(grid.columns, shown), ...grid.totals };
  }, [grid, shown, state.filters]);

  const onSearch = (text: string) => {
    setSearch(text);
    setPartial({ search: text.trim() || undefined });
  };
  const toggleGroup = useCallback((key: string) => setCollapsed((current) => {
    const next = new Set(current);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  }), []);
  const openLog = useCallback((organizationId: string, name: string) => logCommunication({ organizations: [{ id: organizationId, name }], appendToNotesLog: true }), [logCommunication]);
  const nameOf = (id: string) => String(grid?.rows.find((r) => r.organizationId === id)?.cells.name ?? '');

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { blob, filename } = await apiDownload('/api/grid/export', { state: { ...state, search: q || undefined }, ...(state.fundIds ? { fundIds: state.fundIds } : {}), ...(q ? { q } : {}) });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? `grid-${todayIso()}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  const currentValue = (cell: FocusedCell | null) => (cell ? grid?.rows.find((r) => r.organizationId === cell.organizationId)?.cells[cell.field] : undefined);

  if (phone) return <GridPhoneList rows={shown} columns={columns} loading={data.query.isLoading} />;

  return (
    <Stack gap="xs" h="calc(100dvh - 32px)" data-testid="grid-screen">
      <PageHeader title="Grid" description="Every investor across your funds. Edit like a spreadsheet: paste from Excel, fill down with Ctrl+D, undo with Ctrl+Z." />
      <GridToolbar
        columns={columns}
        state={state}
        setPartial={setPartial}
        search={search}
        onSearch={onSearch}
        onUndo={() => void data.undo()}
        onRedo={() => void data.redo()}
        canUndo={data.canUndo}
        canRedo={data.canRedo}
        onHistory={focused ? () => setHistoryCell(focused) : null}
        onExport={() => void exportCsv()}
        exporting={exporting}
        onColumnAdded={() => void data.refetch()}
        viewMenu={
          <GridViewMenu
            state={state}
            onApply={(next) => {
              setSearch(next.search ?? '');
              apply(next);
            }}
          />
        }
      />
      <FilterBar columns={columns} value={state.filters} onChange={(filters) => setPartial({ filters })} />
      {data.query.isError && (
        <Alert color="red" variant="light">
          {errorMessage(data.query.error)}
        </Alert>
      )}
      <Box style={{ flex: 1, minHeight: 240 }}>
        {data.query.isLoading ? (
          <PageSkeleton />
        ) : (
          <GridTable
            columns={columns}
            rows={rows}
            totals={totals}
            state={state}
            setPartial={setPartial}
            send={(step) => data.send(step)}
            undo={() => void data.undo()}
            redo={() => void data.redo()}
            presence={presence}
            toggleGroup={toggleGroup}
            logCommunication={openLog}
            onFocusCell={setFocused}
            onContextMenu={(cell, x, y) => setMenu({ cell, x, y })}
            onReady={(api) => {
              apiRef.current = api;
            }}
          />
        )}
      </Box>
      <NewInvestorRow
        onCreated={(id) => {
          void data.refetch().then(() => {
            const node = apiRef.current?.getRowNode(id);
            if (node?.rowIndex != null) {
              apiRef.current?.ensureIndexVisible(node.rowIndex);
              apiRef.current?.setFocusedCell(node.rowIndex, 'name');
            }
          });
        }}
      />
      {menu && (
        <Menu opened onChange={(open) => !open && setMenu(null)} position="bottom-start" withinPortal>
          <Menu.Target>
            <div style={{ position: 'fixed', left: menu.x, top: menu.y, width: 1, height: 1 }} />
          </Menu.Target>
          <Menu.Dropdown data-testid="grid-context-menu">
            <Menu.Item leftSection={<IconHistory size={14} />} onClick={() => setHistoryCell(menu.cell)}>
              Cell history
            </Menu.Item>
            <Menu.Item leftSection={<IconMessagePlus size={14} />} onClick={() => openLog(menu.cell.organizationId, menu.cell.name)}>
              Log communication
            </Menu.Item>
            <Menu.Item leftSection={<IconBuilding size={14} />} onClick={() => navigate(`/organizations/${menu.cell.organizationId}`)}>
              Open investor
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {historyCell && (
        <CellHistoryDrawer cell={historyCell} column={byField.get(historyCell.field)} current={currentValue(historyCell)} onClose={() => setHistoryCell(null)} send={(step) => data.send(step)} />
      )}
      {data.conflict && <ConflictDialog pending={data.conflict} columns={byField} nameOf={nameOf} onResolve={(overwrite) => void data.resolve(overwrite)} />}
    </Stack>
  );
}
