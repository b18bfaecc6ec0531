/**
 * `docker login`: registry, username and password (or token). The engine checks them with the registry;
 * they are stored where the Docker CLI keeps credentials. The password leaves this dialog once.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { Field, FormDialog } from '../../components/FormDialog';
import { useNotices } from '../../stores/notices';

export function LoginDialog({ initialRegistry = '', onDone, onClose }: { initialRegistry?: string; onDone(): void; onClose(): void }) {
  const [registry, setRegistry] = useState(initialRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <FormDialog
      title="Log in to a registry"
      submitLabel="Log in"
      canSubmit={!!registry && !!username && !!password}
      onClose={onClose}
      onSubmit={async () => {
        const r = await client().call('registry.login', { registry, username, password });
        setPassword('');
        useNotices.getState().push('info', `Logged in to ${r.registry} as ${r.username}`);
        onDone();
        onClose();
      }}
    >
      <Field label="Registry" value={registry} onChange={setRegistry} autoFocus={!initialRegistry} placeholder="registry.example.com:5000 (docker.io for Docker Hub)" />
      <Field label="Username" value={username} onChange={setUsername} autoFocus={!!initialRegistry} autoComplete="username" />
      <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" hint="Or an access token. Stored where docker login stores it (config.json or your credential helper)." />
    </FormDialog>
  );
}
