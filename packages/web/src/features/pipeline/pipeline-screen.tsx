import { isCommittedStage, isOpenStage, type Stage, stageNeedsReason } from '@lpdesk/contracts';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { IconLayoutKanban, IconPlus } from '@tabler/icons-react';
import { useEffect, useReducer, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useFunds, useList } from '../../api/hooks';
import type { Commitment } from '../../api/types';
import { formatMoneyShort } from '../../ui/format';
import { Empty, PageHeader } from '../../ui/layout';
import { ALL_STAGES } from '../../ui/stages';
import { CommitmentFormModal } from './commitment-form-modal';
import { CommitmentQuickView } from './commitment-quick-view';
import { DeclineReasonModal } from './decline-modal';
import { FundFormModal } from './fund-form-modal';
import { KanbanBoard } from './kanban-board';
import { boardReducer, columnTotals, emptyBoard } from './kanban-logic';
import { useStageMove } from './use-stage-move';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="xs">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="lg" fw={650} className="lp-num">
        {value}
      </Text>
    </Paper>
  );
}

export function PipelineScreen() {
  const [params, setParams] = useSearchParams();
  const funds = useFunds();
  const fundList = funds.data?.data ?? [];
  const fundId = params.get('fund') ?? fundList.find((f) => f.status === 'raising')?.id ?? fundList[0]?.id ?? null;
  const fund = fundList.find((f) => f.id === fundId);
  const commitments = useList<Commitment>('commitments', { fundId: fundId ?? undefined, limit: 500 }, { enabled: Boolean(fundId) });
  const [board, dispatch] = useReducer(boardReducer, emptyBoard);
  const move = useStageMove(dispatch);
  const [declining, setDeclining] = useState<Commitment | null>(null);
  const [viewingId, setViewingId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Commitment | null>(null);
  const [adding, setAdding] = useState(false);
  const [creatingFund, setCreatingFund] = useState(false);

  useEffect(() => {
    if (commitments.data) dispatch({ type: 'sync', items: commitments.data.data });
  }, [commitments.data]);

  const requestMove = (card: Commitment, to: Stage) => {
    if (stageNeedsReason(to)) setDeclining(card);
    else move(card, to);
  };
  const viewing = board.items.find((c) => c.id === viewingId) ?? null;
  const open = board.items.filter((c) => isOpenStage(c.stage));
  const won = board.items.filter((c) => isCommittedStage(c.stage));
  const openTotals = columnTotals(open);
  const currency = fund?.currency ?? 'USD';

  return (
    <>
      <PageHeader
        title="Pipeline"
        description={fund ? `${fund.name}${fund.targetAmount ? ` · target ${formatMoneyShort(fund.targetAmount, currency)}` : ''}` : 'Commitments by stage'}
        actions={
          <>
            <Select
              w={220}
              aria-label="Fund"
              data-testid="fund-select"
              data={fundList.map((f) => ({ value: f.id, label: f.name }))}
              value={fundId}
              onChange={(id) => id && setParams({ fund: id }, { replace: true })}
              allowDeselect={false}
              placeholder="Choose a fund"
            />
            <Button variant="default" onClick={() => setCreatingFund(true)} data-testid="new-fund">
              New fund
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} disabled={!fundId} data-testid="new-commitment">
              Add investor
            </Button>
          </>
        }
      />
      {fundId && (
        <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
          <Stat label="Open pipeline" value={formatMoneyShort(openTotals.amount, currency)} />
          <Stat label="Weighted" value={formatMoneyShort(Math.round(openTotals.weighted), currency)} />
          <Stat label="Committed" value={formatMoneyShort(columnTotals(won).amount, currency)} />
          <Stat label="Active opportunities" value={String(openTotals.count)} />
        </SimpleGrid>
      )}
      {funds.isSuccess && fundList.length === 0 ? (
        <Empty
          icon={<IconLayoutKanban size={22} />}
          title="No funds yet"
          description="Create the fund you are raising to start a pipeline."
          action={<Button onClick={() => setCreatingFund(true)}>Create a fund</Button>}
        />
      ) : commitments.isError ? (
        <Alert color="red">{errorMessage(commitments.error)}</Alert>
      ) : commitments.isPending ? (
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {ALL_STAGES.slice(0, 5).map((s) => (
            <Skeleton key={s} w={264} h={420} radius="lg" />
          ))}
        </Group>
      ) : (
        <KanbanBoard items={board.items} stages={ALL_STAGES} currency={currency} onMove={requestMove} onOpen={(c) => setViewingId(c.id)} />
      )}
      {declining && (
        <DeclineReasonModal
          name={declining.organization?.name ?? 'this investor'}
          onCancel={() => setDeclining(null)}
          onConfirm={(reason) => {
            move(declining, 'declined', reason);
            setDeclining(null);
          }}
        />
      )}
      {viewing && (
        <CommitmentQuickView
          commitment={viewing}
          onClose={() => setViewingId(null)}
          onEdit={() => {
            setEditing(viewing);
            setViewingId(null);
          }}
          onMove={(to) => requestMove(viewing, to)}
        />
      )}
      {editing && <CommitmentFormModal commitment={editing} onClose={() => setEditing(null)} />}
      {creatingFund && <FundFormModal onClose={() => setCreatingFund(false)} onSaved={(f) => setParams({ fund: f.id }, { replace: true })} />}
      {adding && fundId && <CommitmentFormModal fundId={fundId} onClose={() => setAdding(false)} />}
    </>
  );
}
