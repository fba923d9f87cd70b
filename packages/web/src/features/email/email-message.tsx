import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { formatDateTime } from '../../ui/format';
import { attachmentUrl, type EmailAddressView, type EmailMessageDetailView } from './email-api';
import { EmailBodyFrame } from './email-body-frame';
import { EmailDirectionBadge } from './email-direction';
import { addressFull, addressLabel, formatBytes } from './email-format';

function AddressLine({ label, addresses }: { label: string; addresses: EmailAddressView[] }) {
  if (addresses.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {label}: {addresses.map(addressFull).join(', ')}
    </Text>
  );
}

function Attachments({ message }: { message: EmailMessageDetailView }) {
  if (message.attachments.length === 0) return null;
  return (
    <Stack gap={4} data-testid="email-attachments">
      {message.attachments.map((attachment) => (
        <Group key={attachment.id} gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <IconPaperclip size={14} style={{ flexShrink: 0 }} />
          {attachment.stored ? (
            <Anchor href={attachmentUrl(attachment.id)} download={attachment.filename} size="sm" truncate data-testid="email-attachment-link">
              {attachment.filename}
            </Anchor>
          ) : (
            <Text size="sm" truncate title="Larger than the attachment size limit: listed, but its bytes were not kept">
              {attachment.filename}
            </Text>
          )}
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatBytes(attachment.size)}
            {attachment.stored ? '' : ' · not kept'}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function Body({ message }: { message: EmailMessageDetailView }) {
  if (!message.hasBody)
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid="email-headers-only">
        Headers only: the body is kept only for mail linked to a contact or organization.
      </Text>
    );
  if (message.bodyHtml) return <EmailBodyFrame html={message.bodyHtml} title={`Email: ${message.subject ?? 'no subject'}`} />;
  if (message.bodyText)
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="email-body-text">
        {message.bodyText}
      </Text>
    );
  return (
    <Text size="sm" c="dimmed">
      No text.
    </Text>
  );
}

/** One message of a thread: who wrote to whom and when, the body (sandboxed HTML or plain text) and attachments. */
export function EmailMessage({ message }: { message: EmailMessageDetailView }) {
  return (
    <Stack gap={6} data-testid="email-message" data-message-id={message.id}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Text size="sm" fw={600} truncate title={message.from ? addressFull(message.from) : undefined}>
            {addressLabel(message.from)}
          </Text>
          <EmailDirectionBadge direction={message.direction} />
        </Group>
        <Text size="xs" c="dimmed" className="lp-num">
          {formatDateTime(message.sentAt)}
        </Text>
      </Group>
      <Box>
        {message.from && <AddressLine label="From" addresses={[message.from]} />}
        <AddressLine label="To" addresses={message.to} />
        <AddressLine label="Cc" addresses={message.cc} />
        {/* Only a sender's own copy carries Bcc; older servers may leave the field out. */}
        <AddressLine label="Bcc" addresses={message.bcc ?? []} />
      </Box>
      <Body message={message} />
      <Attachments message={message} />
    </Stack>
  );
}
