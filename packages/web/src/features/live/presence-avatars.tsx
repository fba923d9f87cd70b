import { Avatar, Badge, Tooltip } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useLive, useLivePresence } from './live-provider';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}` : (parts[0]?.slice(0, 2) ?? '?');
  return letters.toUpperCase();
}

/** Who else is on this screen, in their colours; and a quiet warning while the live connection is down. */
export function PresenceAvatars() {
  const live = useLive();
  const { users } = useLivePresence(live.screen ?? '');
  const offline = useOfflineAfterGrace(live.status, live.everOpen);
  if (users.length === 0 && !offline) return null;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }} data-testid="live-presence">
      {offline && (
        <Tooltip label="Live updates are paused; reconnecting…">
          <Badge color="gray" variant="light" leftSection={<IconPlugConnectedX size={12} />} data-testid="live-offline">
            Offline
          </Badge>
        </Tooltip>
      )}
      {users.length > 0 && (
        <Tooltip.Group openDelay={150} closeDelay={50}>
          <Avatar.Group spacing={6}>
            {users.slice(0, 5).map((user) => (
              <Tooltip key={user.userId} label={`${user.name} is here`} withArrow>
                <Avatar
                  size={30}
                  radius="xl"
                  variant="filled"
                  color={user.color}
                  aria-label={user.name}
                  data-testid="live-avatar"
                  style={{ border: '2px solid var(--mantine-color-body)' }}
                >
                  {initials(user.name)}
                </Avatar>
              </Tooltip>
            ))}
            {users.length > 5 && (
              <Tooltip
                label={users
                  .slice(5)
                  .map((u) => u.name)
                  .join(', ')}
                withArrow
              >
                <Avatar size={30} radius="xl">
                  +{users.length - 5}
                </Avatar>
              </Tooltip>
            )}
          </Avatar.Group>
        </Tooltip.Group>
      )}
    </div>
  );
}

/** A blip (a server restart, a proxy reload) should not flash a warning: show it after 3 s down. */
function useOfflineAfterGrace(status: string, everOpen: boolean): boolean {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if (status === 'open' || !everOpen) {
      setOffline(false);
      return;
    }
    const id = window.setTimeout(() => setOffline(true), 3_000);
    return () => window.clearTimeout(id);
  }, [status, everOpen]);
  return offline;
}
