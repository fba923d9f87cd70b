import { Anchor, Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { GridColumnView, Stage } from '@lpdesk/contracts';
import { Link } from 'react-router';
import { StageBadge } from '../../ui/badges';
import { formatCell } from './cell-values';
import type { GridContext, GridRowData } from './columns';
import { type NoteCellEntry, NotesLogCell } from './notes-log-cell';

type Props = CustomCellRendererProps<GridRowData, unknown, GridContext> & { column: GridColumnView };

/** Another person's cursor on this cell: a coloured frame (cellStyle) and their name. */
function PeerLabel({ props }: { props: Props }) {
  const data = props.data;
  if (!data || data.kind !== 'row') return null;
  const peer = props.context.peerAt(`${data.id}:${props.column.field}`);
  if (!peer) return null;
  return (
    <span className="lp-grid-peer" style={{ background: peer.color }}>
      {peer.name}
    </span>
  );
}

export function ValueCell(props: Props) {
  const { column } = props;
  if (props.node.rowPinned) return <span className="lp-grid-total">{column.type === 'money' ? formatCell(column, props.value) : ''}</span>;
  const value = props.value;
  let content: React.ReactNode = formatCell(column, value);
  if (column.type === 'stage' && value) {
    content = <StageBadge stage={value as Stage} size="xs" />;
  } else if (column.type === 'contacts' && Array.isArray(value)) {
    content = (
      <Group gap={6} wrap="nowrap">
        {(value as { id: string; name: string }[]).map((contact) => (
          <Anchor key={contact.id} component={Link} to={`/contacts/${contact.id}`} size="sm" onClick={(event) => event.stopPropagation()}>
            {contact.name}
          </Anchor>
        ))}
      </Group>
    );
  } else if (column.type === 'url' && typeof value === 'string' && value) {
    content = (
      <Anchor href={/^https?:/.test(value) ? value : `https://${value}`} target="_blank" rel="noreferrer" size="sm" onClick={(event) => event.stopPropagation()}>
        {value}
      </Anchor>
    );
  } else if (column.type === 'notes_log') {
    const data = props.data;
    return data?.kind === 'row' ? <NotesLogCell organizationId={data.id} lines={(Array.isArray(value) ? value : []) as NoteCellEntry[]} /> : null;
  }
  return (
    <>
      {content}
      <PeerLabel props={props} />
    </>
  );
}

/** The frozen name column: the investor's page, and a quick "Log communication". */
export function NameCell(props: Props) {
  if (props.node.rowPinned) return <span className="lp-grid-total">Total</span>;
  const data = props.data;
  if (!data || data.kind !== 'row') return null;
  return (
    <Group gap={4} wrap="nowrap" justify="space-between" className="lp-grid-name">
      <Anchor component={Link} to={`/organizations/${data.id}`} size="sm" fw={600} truncate="end" style={{ minWidth: 0, flex: 1 }} onClick={(event) => event.stopPropagation()}>
        {String(props.value ?? '')}
      </Anchor>
      <Tooltip label="Log communication" openDelay={300}>
        <UnstyledButton
          className="lp-grid-row-action"
          aria-label={`Log communication with ${String(props.value ?? '')}`}
          data-testid="grid-log-communication"
          onClick={(event) => {
            event.stopPropagation();
            props.context.logCommunication(data.id, String(props.value ?? ''));
          }}
        >
          <IconMessagePlus size={15} />
        </UnstyledButton>
      </Tooltip>
      <PeerLabel props={props} />
    </Group>
  );
}

/** A full-width group header: the group's value, its count and per-fund subtotals; click to fold. */
export function GroupHeaderCell(props: CustomCellRendererProps<GridRowData, unknown, GridContext>) {
  const data = props.data;
  if (!data || data.kind !== 'group') return null;
  const money = props.context.moneyColumns();
  return (
    <UnstyledButton className="lp-grid-group" data-testid="grid-group-header" onClick={() => props.context.toggleGroup(data.key)}>
      <Group gap="md" wrap="nowrap" h="100%" px="sm">
        <Text size="sm" fw={700}>
          {data.collapsed ? '▸' : '▾'} {data.label}
        </Text>
        <Badge size="sm" variant="default">
          {data.count}
        </Badge>
        {money
          .filter((column) => (data.totals[column.field] ?? 0) !== 0)
          .map((column) => (
            <Text key={column.field} size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {column.label}: {formatCell(column, data.totals[column.field])}
            </Text>
          ))}
      </Group>
    </UnstyledButton>
  );
}
