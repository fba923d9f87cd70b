import { type Stage, stageNeedsReason } from '@lpdesk/contracts';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Skeleton, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useReducer, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useFunds, useTeam } from '../../api/hooks';
import type { Commitment } from '../../api/types';
import { formatMoneyShort } from '../../ui/format';
import { ExportCsvButton } from '../../ui/export-csv-button';
import { Empty, PageHeader } from '../../ui/layout';
import { SavedViewMenu } from '../views/saved-view-menu';
import { useApplyViewFromLink } from '../views/use-saved-views';
import { ALL_STAGES } from '../../ui/stages';
import { CommitmentFormModal } from './commitment-form-modal';
import { CommitmentQuickView } from './commitment-quick-view';
import { CommittedAmountModal } from './committed-amount-modal';
import { DeclineReasonModal } from './decline-modal';
import { FundFormModal } from './fund-form-modal';
import { KanbanBoard } from './kanban-board';
import { boardReducer, emptyBoard, headlineFigures, stageTotalsWithPending } from './kanban-logic';
import { TrashCommitmentModal } from './trash-commitment-modal';
import { CARDS_PER_PAGE, usePipelineBoard } from './use-pipeline-board';
import { useStageMove } from './use-stage-move';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="xs">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="lg" fw={650} className="lp-num" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** A move that needs a word from the user first: why (declined) or how much (committed, closed). */
type Asking = { kind: 'reason'; card: Commitment } | { kind: 'amount'; card: Commitment; to: 'committed' | 'closed' };

export function PipelineScreen() {
  const [params, setParams] = useSearchParams();
  const funds = useFunds();
  const team = useTeam();
  const fundList = funds.data?.data ?? [];
  const fundId = params.get('fund') ?? fundList.find((f) => f.status === 'raising')?.id ?? fundList[0]?.id ?? null;
  const fund = fundList.find((f) => f.id === fundId);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  // Saved views keep the fund and owner as `query` and the search; the active one is `?view=<id>`.
  const activeViewId = params.get('view');
  const applyView = (saved: { id: string; state: { query?: Record<string, string>; search?: string } } | null) => {
    setSearch(saved?.state.search ?? '');
    setOwnerId(saved?.state.query?.ownerId ?? null);
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (saved) next.set('view', saved.id);
      else next.delete('view');
      const viewFund = saved?.state.query?.fund;
      if (viewFund) next.set('fund', viewFund);
      return next;
    });
  };
  const appliedFromLink = useApplyViewFromLink('pipeline', activeViewId, applyView);
  const pipelineState = {
    query: { ...(fundId ? { fund: fundId } : {}), ...(ownerId ? { ownerId } : {}) },
    sort: [],
    groupBy: null,
    columns: [],
    ...(search.trim() ? { search: search.trim() } : {}),
  };
  const [more, setMore] = useState<Partial<Record<Stage, number>>>({});
  const boardQuery = usePipelineBoard(fundId, { q, ownerId }, more);
  const [board, dispatch] = useReducer(boardReducer, emptyBoard);
  const move = useStageMove(dispatch);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [viewingId, setViewingId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Commitment | null>(null);
  const [trashing, setTrashing] = useState<Commitment | null>(null);
  const [adding, setAdding] = useState(false);
  const [creatingFund, setCreatingFund] = useState(false);

  useEffect(() => {
    if (boardQuery.data) dispatch({ type: 'sync', items: boardQuery.data.stages.flatMap((s) => s.cards) });
  }, [boardQuery.data]);
  // A new fund or filter starts every column from its first page again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetting on these inputs is the point
  useEffect(() => setMore({}), [fundId, q, ownerId]);

  const requestMove = (card: Commitment, to: Stage) => {
    if (stageNeedsReason(to)) setAsking({ kind: 'reason', card });
    else if (to === 'committed' || to === 'closed') setAsking({ kind: 'amount', card, to });
    else move(card, to);
  };
  const showMore = (stage: Stage) => {
    const shown = board.items.filter((c) => c.stage === stage).length;
    setMore((current) => ({ ...current, [stage]: Math.max(current[stage] ?? CARDS_PER_PAGE, shown) + CARDS_PER_PAGE }));
  };
  const viewing = board.items.find((c) => c.id === viewingId) ?? null;
  const totals = stageTotalsWithPending(boardQuery.data?.stages ?? ALL_STAGES.map((stage) => ({ stage, count: 0, amount: 0 })), board);
  const headline = headlineFigures(totals);
  const currency = fund?.currency ?? 'USD';
  const filtered = Boolean(q.trim() || ownerId);

  return (
    <>
      <PageHeader
        title="Pipeline"
        description={fund ? `${fund.name}${fund.targetAmount ? ` · target ${formatMoneyShort(fund.targetAmount, currency)}` : ''}` : 'Commitments by stage'}
        actions={
          <>
            <Select
              w={200}
              aria-label="Fund"
              data-testid="fund-select"
              data={fundList.map((f) => ({ value: f.id, label: f.name }))}
              value={fundId}
              onChange={(id) => id && setParams({ fund: id }, { replace: true })}
              allowDeselect={false}
              placeholder="Choose a fund"
            />
            <ExportCsvButton path="/api/reports/pipeline/export" query={{ fundId, q, ownerId }} />
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
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
            <Stat label={filtered ? 'Open pipeline (filtered)' : 'Open pipeline'} value={formatMoneyShort(headline.expected, currency)} testId="pipeline-expected" />
            <Stat label="Weighted" value={formatMoneyShort(boardQuery.data?.totals.weighted ?? 0, currency)} testId="pipeline-weighted" />
            <Stat label={filtered ? 'Committed (filtered)' : 'Committed'} value={formatMoneyShort(headline.committed, currency)} testId="pipeline-committed" />
            <Stat label="Active opportunities" value={String(headline.openCount)} testId="pipeline-open-count" />
          </SimpleGrid>
          <Group mb="sm" gap="sm">
            <SavedViewMenu
              screen="pipeline"
              currentState={pipelineState}
              activeViewId={activeViewId}
              onApply={(saved) => {
                appliedFromLink.current = saved?.id ?? null;
                applyView(saved);
              }}
            />
            <TextInput
              w={{ base: '100%', xs: 260 }}
              aria-label="Search the pipeline"
              placeholder="Search investors or next steps"
              leftSection={<IconSearch size={14} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-testid="pipeline-search"
            />
            <Select
              w={{ base: '100%', xs: 200 }}
              aria-label="Owner"
              placeholder="Any owner"
              clearable
              data={(team.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={ownerId}
              onChange={setOwnerId}
              data-testid="pipeline-owner"
            />
          </Group>
        </>
      )}
      {funds.isSuccess && fundList.length === 0 ? (
        <Empty
          icon={<IconLayoutKanban size={22} />}
          title="No funds yet"
          description="Create the fund you are raising to start a pipeline."
          action={<Button onClick={() => setCreatingFund(true)}>Create a fund</Button>}
        />
      ) : boardQuery.isError ? (
        <Alert color="red">{errorMessage(boardQuery.error)}</Alert>
      ) : boardQuery.isPending ? (
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {ALL_STAGES.slice(0, 5).map((s) => (
            <Skeleton key={s} w={160} h={420} radius="lg" />
          ))}
        </Group>
      ) : (
        <KanbanBoard items={board.items} totals={totals} currency={currency} onMove={requestMove} onOpen={(c) => setViewingId(c.id)} onShowMore={showMore} />
      )}
      {asking?.kind === 'reason' && (
        <DeclineReasonModal
          name={asking.card.organization?.name ?? 'this investor'}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => {
            move(asking.card, 'declined', { reason });
            setAsking(null);
          }}
        />
      )}
      {asking?.kind === 'amount' && (
        <CommittedAmountModal
          name={asking.card.organization?.name ?? 'this investor'}
          stage={asking.to}
          currency={asking.card.currency}
          suggested={asking.card.committedAmount ?? asking.card.expectedAmount}
          expected={asking.card.expectedAmount}
          onCancel={() => setAsking(null)}
          onConfirm={(committedAmount) => {
            move(asking.card, asking.to, { committedAmount });
            setAsking(null);
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
          onTrash={() => {
            setTrashing(viewing);
            setViewingId(null);
          }}
        />
      )}
      {trashing && <TrashCommitmentModal commitment={trashing} onCancel={() => setTrashing(null)} onTrashed={() => setTrashing(null)} />}
      {editing && <CommitmentFormModal commitment={editing} onClose={() => setEditing(null)} />}
      {creatingFund && <FundFormModal onClose={() => setCreatingFund(false)} onSaved={(f) => setParams({ fund: f.id }, { replace: true })} />}
      {adding && fundId && <CommitmentFormModal fundId={fundId} onClose={() => setAdding(false)} />}
    </>
  );
}
