import type { GridColumnView, ViewState } from '@lpdesk/contracts';
import { ActionIcon, Button, Group, MultiSelect, Select, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconDownload, IconHistory, IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useFunds } from '../../api/hooks';
import { AddColumnButton } from './add-column';
import { ColumnMenu } from './column-menu';

interface Props {
  columns: GridColumnView[];
  state: ViewState;
  setPartial: (patch: Partial<ViewState>) => void;
  search: string;
  onSearch: (text: string) => void;
  onUndo: () => void;
  onRedo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  onHistory: (() => void) | null;
  onExport: () => void;
  exporting: boolean;
  onColumnAdded: () => void;
  /** The lead wires the shared SavedViewMenu here at merge (features/views). */
  viewMenu?: ReactNode;
}

const GROUPABLE = new Set(['text', 'select', 'stage', 'user', 'boolean', 'multi_select', 'tags', 'date', 'number', 'email', 'url']);

export function GridToolbar(props: Props) {
  const { columns, state, setPartial } = props;
  const funds = useFunds();
  const fundOptions = (funds.data?.data ?? []).map((f) => ({ value: f.id, label: f.name }));
  const groupOptions = columns.filter((c) => GROUPABLE.has(c.type) && c.field !== 'name').map((c) => ({ value: c.field, label: c.label }));
  return (
    <Group gap="xs" wrap="wrap" data-testid="grid-toolbar">
      {/* SLOT: saved views (SavedViewMenu from features/views, wired by the lead). */}
      {props.viewMenu}
      <TextInput
        size="xs"
        w={170}
        leftSection={<IconSearch size={14} />}
        placeholder="Search investors"
        value={props.search}
        onChange={(event) => props.onSearch(event.currentTarget.value)}
        data-testid="grid-search"
      />
      <MultiSelect
        size="xs"
        miw={150}
        maw={320}
        data={fundOptions}
        value={state.fundIds ?? []}
        placeholder={state.fundIds?.length ? undefined : 'All funds'}
        onChange={(ids) => setPartial({ fundIds: ids.length ? ids : undefined })}
        clearable
        aria-label="Funds"
        data-testid="grid-funds"
      />
      <Select
        size="xs"
        w={140}
        data={groupOptions}
        value={state.groupBy}
        onChange={(field) => setPartial({ groupBy: field })}
        placeholder="Group by…"
        clearable
        searchable
        aria-label="Group by"
        data-testid="grid-group-by"
      />
      <ColumnMenu columns={columns} state={state} setPartial={setPartial} />
      <AddColumnButton onCreated={props.onColumnAdded} />
      <Group gap={2} ml="auto">
        <Tooltip label="Undo (Ctrl+Z)">
          <ActionIcon variant="subtle" color="gray" onClick={props.onUndo} disabled={!props.canUndo} aria-label="Undo" data-testid="grid-undo">
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Redo (Ctrl+Shift+Z)">
          <ActionIcon variant="subtle" color="gray" onClick={props.onRedo} disabled={!props.canRedo} aria-label="Redo" data-testid="grid-redo">
            <IconArrowForwardUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="History of the selected cell">
          <ActionIcon variant="subtle" color="gray" onClick={() => props.onHistory?.()} disabled={!props.onHistory} aria-label="Cell history" data-testid="grid-cell-history-button">
            <IconHistory size={16} />
          </ActionIcon>
        </Tooltip>
        <Button size="xs" variant="default" ml={6} leftSection={<IconDownload size={14} />} onClick={props.onExport} loading={props.exporting} data-testid="grid-export">
          Export CSV
        </Button>
      </Group>
    </Group>
  );
}
