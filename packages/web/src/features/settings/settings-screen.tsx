import { Grid, NavLink, Stack } from '@mantine/core';
import {
  IconActivity,
  IconBolt,
  IconRobot,
  IconClockPlay,
  IconDatabaseExport,
  IconFileImport,
  IconForms,
  IconKey,
  IconMail,
  IconTag,
  IconTrash,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import { Link, Navigate, useParams } from 'react-router';
import { PageHeader } from '../../ui/layout';
import { useCurrentUser } from '../auth/session';
import { AgentActivitySettings } from '../agents/agent-activity';
import { BackupsSettings } from '../backups/backups-settings';
import { EmailSettings } from '../email/email-settings';
import { ImportSettings } from '../imports/import-settings';
import { ActivitySettings } from './activity-settings';
import { ApiKeysSettings } from './api-keys-settings';
import { AutomationsSettings } from './automations-settings';
import { CustomFieldsSettings } from './custom-fields-settings';
import { JobsSettings } from './jobs-settings';
import { ProfileSettings } from './profile-settings';
import { TagsSettings } from './tags-settings';
import { TrashSettings } from './trash-settings';
import { UsersSettings } from './users-settings';

const SECTIONS = [
  { id: 'profile', label: 'Profile & password', icon: IconUser, roles: null, Component: ProfileSettings },
  { id: 'users', label: 'Users', icon: IconUsers, roles: ['admin'], Component: UsersSettings },
  { id: 'tags', label: 'Tags', icon: IconTag, roles: null, Component: TagsSettings },
  { id: 'custom-fields', label: 'Custom fields', icon: IconForms, roles: ['admin', 'manager'], Component: CustomFieldsSettings },
  { id: 'automations', label: 'Automations', icon: IconBolt, roles: null, Component: AutomationsSettings },
  { id: 'email', label: 'Email', icon: IconMail, roles: ['admin'], Component: EmailSettings },
  { id: 'import', label: 'Import data', icon: IconFileImport, roles: ['admin', 'manager', 'member'], Component: ImportSettings },
  { id: 'api-keys', label: 'API keys', icon: IconKey, roles: ['admin'], Component: ApiKeysSettings },
  { id: 'agent-activity', label: 'Agent activity', icon: IconRobot, roles: ['admin'], Component: AgentActivitySettings },
  { id: 'trash', label: 'Trash', icon: IconTrash, roles: null, Component: TrashSettings },
  { id: 'activity', label: 'Activity log', icon: IconActivity, roles: ['admin', 'manager'], Component: ActivitySettings },
  { id: 'jobs', label: 'Jobs', icon: IconClockPlay, roles: ['admin'], Component: JobsSettings },
  { id: 'backups', label: 'Backups', icon: IconDatabaseExport, roles: ['admin'], Component: BackupsSettings },
] as const;

export function SettingsScreen() {
  const { section } = useParams();
  const me = useCurrentUser();
  const allowed = SECTIONS.filter((s) => s.roles === null || (s.roles as readonly string[]).includes(me.role));
  const current = allowed.find((s) => s.id === section);
  if (!current) return <Navigate to="/settings/profile" replace />;
  return (
    <>
      <PageHeader title="Settings" />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap={2} className="lp-settings-nav">
            {allowed.map((s) => (
              <NavLink
                key={s.id}
                component={Link}
                to={`/settings/${s.id}`}
                label={s.label}
                leftSection={<s.icon size={17} stroke={1.7} />}
                active={s.id === current.id}
                className="lp-nav-link"
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <current.Component />
        </Grid.Col>
      </Grid>
    </>
  );
}
