import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { IconMailPlus, IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { AddMailboxModal } from './add-mailbox-modal';
import { useMailboxes } from './email-api';
import { MailboxCard } from './mailbox-card';

/**
 * Settings → Email (admins): the team mailboxes LP Desk captures mail from, how fresh each one is and
 * what went wrong, with "Sync now", pause, run history, delete and "Add IMAP mailbox".
 */
export function EmailSettings() {
  const mailboxes = useMailboxes();
  const [adding, setAdding] = useState(false);
  const rows = mailboxes.data ?? [];
  return (
    <Card data-testid="email-settings">
      <SectionTitle
        right={
          <Button size="xs" leftSection={<IconMailPlus size={14} />} onClick={() => setAdding(true)} data-testid="add-imap-mailbox">
            Add IMAP mailbox
          </Button>
        }
      >
        Email capture
      </SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Mail in these mailboxes is matched to contacts (by address) and organizations (by domain). Only matched mail keeps its body and attachments; the rest is
        kept as headers. New mail is fetched in the background every minute, or at once where the server supports IDLE.
      </Text>
      {mailboxes.isPending ? (
        <ListSkeleton rows={2} height={96} />
      ) : mailboxes.isError ? (
        <Alert color="red">{errorMessage(mailboxes.error)}</Alert>
      ) : rows.length === 0 ? (
        <Empty
          icon={<IconMail size={20} />}
          title="No mailboxes yet"
          description="Add a team mailbox over IMAP, or import an mbox file with `lpdesk email import-mbox`."
        />
      ) : (
        <Stack gap="sm">
          {rows.map((mailbox) => (
            <MailboxCard key={mailbox.id} mailbox={mailbox} />
          ))}
        </Stack>
      )}
      {adding && <AddMailboxModal onClose={() => setAdding(false)} />}
    </Card>
  );
}
