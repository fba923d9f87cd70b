import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { errorMessage, onUnauthorized } from '../../api/client';
import { ChangePasswordScreen } from './change-password-screen';
import { LoginScreen } from './login-screen';
import { SESSION_KEY, useSession, useSetupStatus } from './session';
import { SetupScreen } from './setup-screen';

/** Decides between first-run setup, sign-in and the app, keeping the URL so a refresh lands back in place. */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const client = useQueryClient();
  const signedOut = session.isSuccess && session.data === null;
  const setup = useSetupStatus(signedOut);

  // A session that expires mid-use sends the user back to sign-in instead of leaving broken screens.
  useEffect(() => onUnauthorized(() => client.setQueryData(SESSION_KEY, null)), [client]);

  if (session.isPending || (signedOut && setup.isPending)) {
    return (
      <Center h="100vh">
        <Loader size="sm" />
      </Center>
    );
  }
  if (session.isError || setup.isError) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Alert color="red" title="LP Desk is unavailable">
            {errorMessage(session.error ?? setup.error)}
          </Alert>
          <Button variant="default" onClick={() => window.location.reload()}>
            Retry
          </Button>
        </Stack>
      </Center>
    );
  }
  if (signedOut) return setup.data ? <SetupScreen /> : <LoginScreen />;
  if (session.data?.user.mustChangePassword) return <ChangePasswordScreen username={session.data.user.username} />;
  return <>{children}</>;
}
