import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';

/** Shown instead of a blank page when a screen throws; a reload usually recovers (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Center h="100vh" p="md">
      <Stack align="center" maw={520}>
        <Title order={3}>Something went wrong on this screen</Title>
        <Text c="dimmed" ta="center" size="sm">
          Your data is safe. Reload to try again; if it keeps happening, send this message to whoever runs LP Desk.
        </Text>
        <Code block>{message}</Code>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  );
}
