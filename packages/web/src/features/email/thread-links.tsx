import { Badge, Button, CloseButton, Group, Modal, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { RemoteSelect } from '../records/pickers';
import { type EmailLinkEntityType, type EmailLinkView, useCanLinkEmail, useLinkThread, useUnlinkThread } from './email-api';
import { distinctLinks, matchLabel } from './email-format';

const pathOf = (link: Pick<EmailLinkView, 'entityType' | 'entityId'>) =>
  link.entityType === 'organization' ? `/organizations/${link.entityId}` : `/contacts/${link.entityId}`;

function LinkChip({ link, onUnlink, busy }: { link: EmailLinkView; onUnlink: (() => void) | null; busy: boolean }) {
  const why = link.matchedOn ? `Matched on ${link.matchedOn}` : 'Linked by hand';
  return (
    <Tooltip label={why} withinPortal>
      <Badge
        variant="light"
        color={link.matchKind === 'manual' ? 'grape' : link.matchKind === 'exact_email' ? 'teal' : 'yellow'}
        radius="sm"
        size="md"
        tt="none"
        maw="100%"
        data-testid="email-link-chip"
        data-entity-id={link.entityId}
        data-match-kind={link.matchKind}
        rightSection={
          onUnlink && (
            <CloseButton size="xs" variant="transparent" aria-label={`Unlink ${link.label}`} disabled={busy} onClick={onUnlink} data-testid="email-unlink" />
          )
        }
      >
        <Text component={Link} to={pathOf(link)} size="xs" fw={600} inherit span>
          {link.label}
        </Text>
        <Text span size="xs" c="dimmed" inherit>
          {' '}
          · {matchLabel(link)}
        </Text>
      </Badge>
    </Tooltip>
  );
}

function LinkToModal({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const [entityType, setEntityType] = useState<EmailLinkEntityType>('contact');
  const [target, setTarget] = useState<{ value: string; label: string } | null>(null);
  const link = useLinkThread();
  const submit = () => {
    if (!target) return;
    link.mutate(
      { threadId, link: { entityType, entityId: target.value } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `Thread linked to ${target.label}` });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="Link thread to…" data-testid="email-link-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The whole thread, and later replies in it, show on the record's timeline. A link made by hand stays when contacts or domains change.
        </Text>
        <SegmentedControl
          size="xs"
          data={[
            { value: 'contact', label: 'Contact' },
            { value: 'organization', label: 'Organization' },
          ]}
          value={entityType}
          onChange={(value) => {
            setEntityType(value === 'organization' ? 'organization' : 'contact');
            setTarget(null);
          }}
          aria-label="Link to a contact or an organization"
        />
        <RemoteSelect
          key={entityType}
          collection={entityType === 'organization' ? 'organizations' : 'contacts'}
          label={entityType === 'organization' ? 'Organization' : 'Contact'}
          value={target}
          onChange={setTarget}
          testId="email-link-picker"
        />
        {link.isError && (
          <Text size="sm" c="red">
            {errorMessage(link.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!target} loading={link.isPending} onClick={submit} data-testid="email-link-save">
            Link
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The records a thread is linked to, as chips saying how (exact email, domain 60 %, manual), with unlink
 * and "Link to…". An unlink is remembered by the server, so a later re-match does not bring it back.
 */
export function ThreadLinks({ threadId, links, onUnlinked }: { threadId: string; links: EmailLinkView[]; onUnlinked?: (link: EmailLinkView) => void }) {
  const canLink = useCanLinkEmail();
  const unlink = useUnlinkThread();
  const [picking, setPicking] = useState(false);
  const remove = (link: EmailLinkView) =>
    unlink.mutate(
      { threadId, link: { entityType: link.entityType, entityId: link.entityId } },
      {
        onSuccess: () => onUnlinked?.(link),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  return (
    <Group gap={6} data-testid="email-thread-links">
      {distinctLinks(links).map((link) => (
        <LinkChip key={`${link.entityType}:${link.entityId}`} link={link} busy={unlink.isPending} onUnlink={canLink ? () => remove(link) : null} />
      ))}
      {canLink && (
        <Button size="compact-xs" variant="subtle" leftSection={<IconLink size={12} />} onClick={() => setPicking(true)} data-testid="email-link-to">
          Link to…
        </Button>
      )}
      {picking && <LinkToModal threadId={threadId} onClose={() => setPicking(false)} />}
    </Group>
  );
}
