import { Alert, Badge, Button, Card, Code, Group, Modal, NumberInput, ScrollArea, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupSettingsView, BackupStatus, BackupVerifyResult, BackupView } from '@lpdesk/contracts';
import { IconAlertTriangle, IconDatabaseExport, IconLock, IconRestore, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { formatDateTime, formatRelative, humanize } from '../../ui/format';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { formatBytes } from '../email/email-format';
import { useBackupPreview, useBackups, useBackupSettings, useCreateBackup, useRestoreBackup, useUpdateBackupSettings, useVerifyBackup } from './backups-api';

const STATUS_COLORS: Record<BackupStatus, string> = { ok: 'teal', corrupt: 'red', failed: 'red', pruned: 'gray' };

/**
 * Settings → Backups (admins): the daily schedule and retention, the history with Verify, and Restore
 * with a preview of what changes (rows per table now and in the backup) behind an explicit confirmation.
 */
export function BackupsSettings() {
  return (
    <Stack data-testid="backups-settings">
      <ScheduleCard />
      <HistoryCard />
    </Stack>
  );
}

function ScheduleCard() {
  const settings = useBackupSettings();
  return (
    <Card>
      <SectionTitle>Schedule and retention</SectionTitle>
      {settings.isPending ? (
        <ListSkeleton rows={3} />
      ) : settings.isError ? (
        <Alert color="red">{errorMessage(settings.error)}</Alert>
      ) : (
        <ScheduleForm settings={settings.data} />
      )}
    </Card>
  );
}

function ScheduleForm({ settings }: { settings: BackupSettingsView }) {
  const update = useUpdateBackupSettings();
  const [draft, setDraft] = useState(settings);
  useEffect(() => setDraft(settings), [settings]);
  const changed = (['enabled', 'time', 'keepDaily', 'keepWeekly', 'keepMonthly', 'keepPreRestoreDays'] as const).some((key) => draft[key] !== settings[key]);
  const save = () =>
    update.mutate(
      {
        enabled: draft.enabled,
        time: draft.time,
        keepDaily: draft.keepDaily,
        keepWeekly: draft.keepWeekly,
        keepMonthly: draft.keepMonthly,
        keepPreRestoreDays: draft.keepPreRestoreDays,
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Backup settings saved' }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  const count = (key: 'keepDaily' | 'keepWeekly' | 'keepMonthly' | 'keepPreRestoreDays', label: string, min = 0) => (
    <NumberInput
      label={label}
      min={min}
      max={key === 'keepPreRestoreDays' ? 3650 : 1000}
      allowDecimal={false}
      w={150}
      value={draft[key]}
      onChange={(value) => setDraft({ ...draft, [key]: typeof value === 'number' ? value : min })}
      data-testid={`backup-${key}`}
    />
  );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        The whole database is backed up every day at this time ({settings.timeZone}), then older scheduled backups are pruned: the newest of each recent day,
        week and month stays. Manual backups are kept until removed by hand; the automatic pre-restore backups for a number of days.
      </Text>
      <Group align="flex-end" gap="lg">
        <Switch
          label="Daily backup"
          checked={draft.enabled}
          onChange={(event) => setDraft({ ...draft, enabled: event.currentTarget.checked })}
          data-testid="backup-enabled"
        />
        <TextInput
          label="Time"
          type="time"
          w={130}
          value={draft.time}
          onChange={(event) => setDraft({ ...draft, time: event.currentTarget.value })}
          disabled={!draft.enabled}
          data-testid="backup-time"
        />
        {settings.nextRunAt && (
          <Text size="xs" c="dimmed" pb={8}>
            next {formatDateTime(settings.nextRunAt)}
          </Text>
        )}
      </Group>
      <Group gap="lg">
        {count('keepDaily', 'Keep daily')}
        {count('keepWeekly', 'Keep weekly')}
        {count('keepMonthly', 'Keep monthly')}
        {count('keepPreRestoreDays', 'Pre-restore (days)', 1)}
      </Group>
      <Group justify="space-between" align="center">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Directory: <Code>{settings.effectiveDirectory ?? 'not configured'}</Code>
          </Text>
          <Group gap={6}>
            <IconLock size={14} />
            <Text size="xs" c={settings.encryption ? 'teal' : 'dimmed'} data-testid="backup-encryption">
              {settings.encryption ? 'Encrypted with the configured backup key (AES-256-GCM)' : 'Not encrypted: set LPDESK_BACKUP_KEY to encrypt new backups'}
            </Text>
          </Group>
        </Stack>
        <Button size="xs" onClick={save} disabled={!changed} loading={update.isPending} data-testid="backup-settings-save">
          Save
        </Button>
      </Group>
    </Stack>
  );
}

function HistoryCard() {
  const backups = useBackups();
  const create = useCreateBackup();
  const verify = useVerifyBackup();
  const [verified, setVerified] = useState<BackupVerifyResult | null>(null);
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const rows = backups.data ?? [];
  const backUpNow = () =>
    create.mutate(undefined, {
      onSuccess: (backup) => notifications.show({ color: 'teal', message: `Backed up: ${formatBytes(backup.bytes ?? 0)}` }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  const check = (id: string) =>
    verify.mutate(id, { onSuccess: setVerified, onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }) });
  return (
    <Card>
      <SectionTitle
        right={
          <Button size="xs" leftSection={<IconDatabaseExport size={14} />} onClick={backUpNow} loading={create.isPending} data-testid="backup-now">
            Back up now
          </Button>
        }
      >
        History
      </SectionTitle>
      {backups.isPending ? (
        <ListSkeleton rows={3} />
      ) : backups.isError ? (
        <Alert color="red">{errorMessage(backups.error)}</Alert>
      ) : rows.length === 0 ? (
        <Empty icon={<IconDatabaseExport size={20} />} title="No backups yet" description="Back up now, or wait for the daily schedule." />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="backups-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Made</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Verified</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((backup) => (
                <Table.Tr key={backup.id} data-testid="backup-row">
                  <Table.Td>
                    <Text size="sm">{formatDateTime(backup.createdAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {formatRelative(backup.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm">{humanize(backup.kind)}</Text>
                      {backup.encrypted && (
                        <Tooltip label="Encrypted">
                          <IconLock size={13} aria-label="encrypted" />
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{backup.bytes === null ? '—' : formatBytes(backup.bytes)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{backup.verifiedAt ? formatRelative(backup.verifiedAt) : '—'}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={backup.error ?? ''} disabled={!backup.error} multiline w={360}>
                      <Badge size="sm" variant="light" color={STATUS_COLORS[backup.status]} data-testid="backup-status">
                        {backup.status}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    {(backup.status === 'ok' || backup.status === 'corrupt') && (
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="default"
                          leftSection={<IconShieldCheck size={13} />}
                          onClick={() => check(backup.id)}
                          loading={verify.isPending && verify.variables === backup.id}
                          data-testid="backup-verify"
                        >
                          Verify
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="orange"
                          leftSection={<IconRestore size={13} />}
                          onClick={() => setRestoring(backup)}
                          disabled={backup.status !== 'ok'}
                          data-testid="backup-restore"
                        >
                          Restore
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {verified && <VerifyResultModal result={verified} onClose={() => setVerified(null)} />}
      {restoring && <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />}
    </Card>
  );
}

function VerifyResultModal({ result, onClose }: { result: BackupVerifyResult; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={result.ok ? 'The backup is good' : 'The backup is not usable'} size="lg">
      <Stack gap="xs" data-testid="backup-verify-result">
        {result.checks.map((check) => (
          <Group key={check.name} gap="sm" wrap="nowrap" align="flex-start">
            <Badge size="sm" variant="light" color={check.ok ? 'teal' : 'red'} w={70}>
              {check.ok ? 'ok' : 'failed'}
            </Badge>
            <Text size="sm">
              <b>{check.name}</b>: {check.detail}
            </Text>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}

function RestoreModal({ backup, onClose }: { backup: BackupView; onClose: () => void }) {
  const preview = useBackupPreview(backup.id);
  const restore = useRestoreBackup();
  const [typed, setTyped] = useState('');
  const tables = preview.data?.tables ?? [];
  const differing = tables.filter((row) => row.now !== row.backup);
  const run = () =>
    restore.mutate(backup.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Restored. The data as it was just before is kept as a pre-restore backup.' });
        onClose();
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  return (
    <Modal opened onClose={onClose} title={`Restore the backup of ${formatDateTime(backup.createdAt)}`} size="lg">
      <Stack gap="md" data-testid="backup-restore-modal">
        <Alert color="orange" icon={<IconAlertTriangle size={16} />}>
          Every record is replaced by the backup's. A pre-restore backup of the data as it is now is taken first, so this can be undone. Everyone's open screens
          reload.
        </Alert>
        {preview.isPending ? (
          <ListSkeleton rows={6} />
        ) : preview.isError ? (
          <Alert color="red">{errorMessage(preview.error)}</Alert>
        ) : (
          <>
            {!preview.data.sameSchema && (
              <Alert color="red">
                This backup was made by another LP Desk version (schema {preview.data.backup.schemaVersion}); restore it with that version.
              </Alert>
            )}
            <Text size="sm">
              {differing.length === 0
                ? 'Every table has the same number of rows now and in the backup.'
                : `${differing.length} of ${tables.length} tables differ:`}
            </Text>
            <ScrollArea.Autosize mah={300}>
              <Table verticalSpacing={4} data-testid="backup-preview-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Table</Table.Th>
                    <Table.Th ta="right">Now</Table.Th>
                    <Table.Th ta="right">In the backup</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(differing.length > 0 ? differing : tables).map((row) => (
                    <Table.Tr key={row.table} data-testid={`preview-${row.table}`}>
                      <Table.Td>
                        <Code>{row.table}</Code>
                      </Table.Td>
                      <Table.Td ta="right">{row.now}</Table.Td>
                      <Table.Td ta="right" fw={row.now !== row.backup ? 600 : undefined}>
                        {row.backup}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            <TextInput
              label='Type "restore" to confirm'
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              data-testid="backup-restore-confirm-text"
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="orange"
            leftSection={<IconRestore size={14} />}
            disabled={typed.trim().toLowerCase() !== 'restore' || !preview.data?.sameSchema}
            loading={restore.isPending}
            onClick={run}
            data-testid="backup-restore-confirm"
          >
            Restore
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
