import { Alert, Anchor, Badge, Button, Card, Collapse, Group, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { formatDate, humanize } from '../../ui/format';
import { ListSkeleton, SectionTitle } from '../../ui/layout';
import { RemoteSelect } from '../records/pickers';
import { type IdentityEntityType, type IdentityHowView, percent, useCanMerge, useHow } from './identity-api';
import { MergeRow } from './recent-merges';

type RecordView = IdentityHowView['records'][number];

function SourceRecord({ record }: { record: RecordView }) {
  const ruleLabel = record.rule === 'new' ? 'Started this record' : record.rule === 'manual' ? 'Typed into LP Desk' : humanize(record.rule);
  return (
    <Stack gap={2} data-testid="how-record">
      <Group gap={6} wrap="nowrap">
        <Badge variant="light" size="sm" radius="sm" style={{ flexShrink: 0 }}>
          {record.source}
        </Badge>
        <Text size="xs" c="dimmed" truncate title={record.externalId}>
          {record.externalId}
        </Text>
        <Text size="xs" c="dimmed" ml="auto" className="lp-num" style={{ flexShrink: 0 }}>
          {formatDate(record.observedAt)}
        </Text>
      </Group>
      {/* A reason can list every piece of evidence; two lines here, the whole of it on hover. */}
      <Text size="xs" lineClamp={2} title={record.reason || undefined}>
        <Text span fw={600} inherit>
          {ruleLabel}
        </Text>
        {record.rule !== 'new' && record.rule !== 'manual' && ` · ${percent(record.confidence)}`}
        {record.reason && record.reason.toLowerCase() !== ruleLabel.toLowerCase() && ` · ${record.reason}`}
      </Text>
    </Stack>
  );
}

function MergeWithModal({ entityType, entityId, onClose }: { entityType: IdentityEntityType; entityId: string; onClose(): void }) {
  const navigate = useNavigate();
  const [other, setOther] = useState<{ value: string; label: string } | null>(null);
  const collection = entityType === 'organization' ? 'organizations' : 'contacts';
  return (
    <Modal opened onClose={onClose} title="Merge with…">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Pick the {entityType} that is the same {entityType === 'organization' ? 'organization' : 'person'}; the next screen shows both side by side before
          anything changes.
        </Text>
        <RemoteSelect
          collection={collection}
          label={entityType === 'organization' ? 'Organization' : 'Contact'}
          value={other?.value === entityId ? null : other}
          onChange={setOther}
          testId="merge-with-picker"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!other || other.value === entityId}
            onClick={() => other && navigate(`/duplicates/compare?a=${encodeURIComponent(entityId)}&b=${encodeURIComponent(other.value)}`)}
            data-testid="merge-with-compare"
          >
            Compare
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "How this record was built": the source records joined into it (and by which rule), merges with Undo, aliases. */
export function IdentityPanel({ entityType, entityId }: { entityType: IdentityEntityType; entityId: string }) {
  const how = useHow(entityId);
  const canMerge = useCanMerge();
  const [aliasesOpen, aliases] = useDisclosure(false);
  const [picking, setPicking] = useState(false);
  const merges = (how.data?.merges ?? []).filter((m) => m.survivor.entityId === entityId);
  const records = how.data?.records ?? [];
  const aliasList = how.data?.aliases ?? [];
  return (
    <Card padding="md" data-testid="identity-panel">
      <SectionTitle>How this record was built</SectionTitle>
      {how.isPending ? (
        <ListSkeleton rows={2} height={28} />
      ) : how.isError && !(how.error instanceof ApiError && how.error.status === 404) ? (
        <Alert color="gray" variant="light">
          {errorMessage(how.error)}
        </Alert>
      ) : (
        <Stack gap="sm">
          {records.length === 0 ? (
            <Text size="sm" c="dimmed">
              No source records yet.
            </Text>
          ) : (
            <Stack gap={8}>
              {records.map((record) => (
                <SourceRecord key={record.id} record={record} />
              ))}
            </Stack>
          )}
          {merges.length > 0 && (
            <Stack gap={6}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                Merged into this record
              </Text>
              {merges.map((merge) => (
                <MergeRow key={merge.id} merge={merge} />
              ))}
            </Stack>
          )}
          {aliasList.length > 0 && (
            <div>
              <UnstyledButton onClick={aliases.toggle} aria-expanded={aliasesOpen} data-testid="how-aliases-toggle">
                <Group gap={4}>
                  {aliasesOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                  <Text size="xs" fw={600} c="dimmed">
                    {aliasList.length} alias{aliasList.length === 1 ? '' : 'es'}
                  </Text>
                </Group>
              </UnstyledButton>
              <Collapse expanded={aliasesOpen}>
                <Stack gap={2} mt={4}>
                  {aliasList.map((alias) => (
                    <Text key={`${alias.kind}:${alias.source}:${alias.value}`} size="xs" style={{ wordBreak: 'break-word' }}>
                      <Text span c="dimmed" inherit>
                        {humanize(alias.kind)} ({alias.source}):
                      </Text>{' '}
                      {alias.value}
                    </Text>
                  ))}
                </Stack>
              </Collapse>
            </div>
          )}
        </Stack>
      )}
      <Group gap="sm" mt="sm">
        {canMerge && (
          <Button variant="default" size="xs" leftSection={<IconGitMerge size={14} />} onClick={() => setPicking(true)} data-testid="merge-with">
            Merge with…
          </Button>
        )}
        <Anchor component={Link} to={`/duplicates?entityId=${entityId}`} size="xs" data-testid="find-duplicates">
          Find duplicates of this record
        </Anchor>
      </Group>
      {picking && <MergeWithModal entityType={entityType} entityId={entityId} onClose={() => setPicking(false)} />}
    </Card>
  );
}
