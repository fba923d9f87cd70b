import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AuthGate } from '../features/auth/auth-gate';
import { createQueryClient, Providers } from './providers';
import { router } from './router';

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <Providers client={client}>
      <AuthGate>
        <RouterProvider router={router} />
      </AuthGate>
    </Providers>
  );
}
