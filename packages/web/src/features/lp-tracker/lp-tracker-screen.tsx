import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank, IconCash, IconReportMoney, IconSearch, IconTarget } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useFunds } from '../../api/hooks';
import type { LpTrackerRow } from '../../api/types';
import { StageBadge } from '../../ui/badges';
import { formatDate, formatMoneyFull, formatMoneyShort, humanize, todayIso } from '../../ui/format';
import { ExportCsvButton } from '../../ui/export-csv-button';
import { Empty, PageHeader, PageSkeleton } from '../../ui/layout';
import { KpiCard } from '../dashboard/kpi-card';
import { PaperworkDate } from './paperwork-date';
import { type LpTrackerFilters, useLpTracker, usePatchLp } from './use-lp-tracker';

/** K-1s go out for the tax year before the team's current one. */
const k1TaxYear = () => Number(todayIso().slice(0, 4)) - 1;

const ACCREDITATION_COLOR: Record<string, string> = { verified: 'teal', pending: 'yellow', expired: 'red', not_accredited: 'red', unknown: 'gray' };

type Missing = NonNullable<LpTrackerFilters['missing']>;

const paperworkOptions = (k1Year: number): { value: Missing; label: string }[] => [
  { value: 'subscriptionDocs', label: 'Sub docs not signed' },
  { value: 'wire', label: 'Wire not received' },
  { value: 'k1', label: `K-1 ${k1Year} not sent` },
  { value: 'accreditation', label: 'Accreditation not verified' },
];

export function LpTrackerScreen() {
  const K1_YEAR = k1TaxYear();
  const [params, setParams] = useSearchParams();
  const fundId = params.get('fund');
  const funds = useFunds();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [missing, setMissing] = useState<Missing | null>(null);
  const lps = useLpTracker(fundId, { q, missing: missing ?? undefined, k1TaxYear: K1_YEAR });
  const patch = usePatchLp(fundId);
  if (lps.isPending) return <PageSkeleton />;
  if (lps.isError || !lps.tracker) return <Alert color="red">{errorMessage(lps.error)}</Alert>;
  const t = lps.tracker;
  const rows = lps.rows;
  const filtered = Boolean(q || missing);
  const currency = t.fund?.currency ?? 'USD';
  const set = (row: LpTrackerRow, changes: Partial<LpTrackerRow>) => patch.mutate({ id: row.id, changes });
  /** Unticking a box takes one click, so it says what it cleared and offers to put it back. */
  const clearWithUndo = (row: LpTrackerRow, changes: Partial<LpTrackerRow>, restore: Partial<LpTrackerRow>, what: string) => {
    set(row, changes);
    const id = notifications.show({
      color: 'gray',
      message: (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">
            Cleared {what} for {row.organization?.name ?? 'this LP'}.
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            data-testid="undo-clear"
            onClick={() => {
              set(row, restore);
              notifications.hide(id);
            }}
          >
            Undo
          </Button>
        </Group>
      ),
    });
  };
  return (
    <Stack gap="lg">
      <PageHeader
        title="LP Tracker"
        description={t.fund ? `Committed and closed LPs in ${t.fund.name}, with their paperwork` : 'No fund yet'}
        actions={
          <>
            <Select
              w={220}
              aria-label="Fund"
              data={(funds.data?.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
              value={t.fund?.id ?? null}
              onChange={(id) => id && setParams({ fund: id }, { replace: true })}
              allowDeselect={false}
            />
            <ExportCsvButton path="/api/reports/lp-tracker/export" query={{ fundId: t.fund?.id, q, missing, k1TaxYear: missing === 'k1' ? K1_YEAR : undefined }} />
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }}>
        <KpiCard
          label="Total committed"
          testId="lp-committed"
          value={formatMoneyShort(t.summary.committedAmount, currency)}
          hint={t.fund?.targetAmount ? `${Math.round((t.summary.committedAmount / t.fund.targetAmount) * 100)}% of target` : undefined}
          icon={<IconTarget size={20} />}
          color="teal"
        />
        <KpiCard label="Funded" value={formatMoneyShort(t.summary.fundedAmount, currency)} icon={<IconCash size={20} />} color="green" />
        <KpiCard label="Average check" value={formatMoneyShort(t.summary.averageCommitment, currency)} icon={<IconReportMoney size={20} />} color="indigo" />
        <KpiCard label="LPs" value={String(t.summary.lpCount)} icon={<IconBuildingBank size={20} />} color="blue" />
      </SimpleGrid>
      <Group justify="space-between" align="flex-end" gap="xs">
        <Group gap="xs">
          <TextInput
            w={260}
            placeholder="Search investors…"
            leftSection={<IconSearch size={16} />}
            value={search}
            aria-label="Search investors"
            data-testid="lp-search"
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Select
            w={230}
            placeholder="Any paperwork"
            aria-label="Missing paperwork"
            clearable
            data={paperworkOptions(K1_YEAR)}
            value={missing}
            onChange={(value) => setMissing(value as Missing | null)}
          />
        </Group>
        <Text size="sm" c="dimmed" data-testid="lp-count">
          {t.total === 0 ? '' : `Showing ${rows.length} of ${t.total} LP${t.total === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <Card padding={0}>
        {rows.length === 0 ? (
          <Empty
            icon={<IconBuildingBank size={22} />}
            title={filtered ? 'No LPs match these filters' : 'No LPs in this fund yet'}
            description={
              filtered ? 'Clear the search or the paperwork filter.' : 'Commitments appear here once they reach Committed or Closed in the pipeline.'
            }
          />
        ) : (
          <ScrollArea>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover miw={1100} data-testid="lp-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Investor</Table.Th>
                  <Table.Th w={120}>Stage</Table.Th>
                  <Table.Th ta="right">Committed</Table.Th>
                  <Table.Th ta="right">Funded</Table.Th>
                  <Table.Th>Sub docs signed</Table.Th>
                  <Table.Th>Wire received</Table.Th>
                  <Table.Th>K-1 {K1_YEAR}</Table.Th>
                  <Table.Th>Side letter</Table.Th>
                  <Table.Th>Accreditation</Table.Th>
                  <Table.Th>QP</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const k1 = row.k1SentTaxYears.includes(K1_YEAR);
                  return (
                    <Table.Tr key={row.id} data-testid="lp-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/organizations/${row.organizationId}`} size="sm" fw={600}>
                          {row.organization?.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {row.primaryContact?.name ?? 'No primary contact'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StageBadge stage={row.stage} size="xs" />
                      </Table.Td>
                      <Table.Td ta="right" className="lp-num">
                        {row.committedAmount === null ? (
                          // Only rows from before a committed amount was required (docs/metrics.md) lack one.
                          <Tooltip label="No committed amount recorded: it counts $0 in every total. Edit the commitment to add it.">
                            <Badge size="sm" variant="light" color="orange">
                              amount missing
                            </Badge>
                          </Tooltip>
                        ) : (
                          <Text size="sm">{formatMoneyFull(row.committedAmount, row.currency)}</Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right" className="lp-num">
                        <Text size="sm">{formatMoneyFull(row.fundedAmount, row.currency)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <PaperworkDate
                          label="Sub docs signed"
                          value={row.subscriptionDocsSignedOn}
                          onChange={(v) => set(row, { subscriptionDocsSignedOn: v })}
                          testId="toggle-subdocs"
                        />
                      </Table.Td>
                      <Table.Td>
                        <PaperworkDate label="Wire received" value={row.wireReceivedOn} onChange={(v) => set(row, { wireReceivedOn: v })} testId="toggle-wire" />
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          size="xs"
                          aria-label={`K-1 ${K1_YEAR} sent`}
                          checked={k1}
                          onChange={() =>
                            k1
                              ? clearWithUndo(
                                  row,
                                  { k1SentTaxYears: row.k1SentTaxYears.filter((y) => y !== K1_YEAR) },
                                  { k1SentTaxYears: row.k1SentTaxYears },
                                  `K-1 ${K1_YEAR} sent`,
                                )
                              : set(row, { k1SentTaxYears: [...row.k1SentTaxYears, K1_YEAR].sort() })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          size="xs"
                          aria-label="Side letter"
                          checked={row.sideLetter}
                          onChange={() =>
                            row.sideLetter ? clearWithUndo(row, { sideLetter: false }, { sideLetter: true }, 'side letter') : set(row, { sideLetter: true })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={ACCREDITATION_COLOR[row.accreditationStatus ?? 'unknown'] ?? 'gray'}>
                          {humanize(row.accreditationStatus ?? 'unknown')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{row.qualifiedPurchaser === null ? '—' : row.qualifiedPurchaser ? 'Yes' : 'No'}</Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>
      {lps.hasNextPage && (
        <Button variant="default" onClick={() => lps.fetchNextPage()} loading={lps.isFetchingNextPage} data-testid="lp-load-more">
          Load more LPs
        </Button>
      )}
    </Stack>
  );
}
