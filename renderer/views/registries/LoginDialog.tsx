/**
 * `docker login`: registry, username and password (or token). The engine checks them with the registry;
 * they are stored where the Docker CLI keeps credentials. The password leaves this dialog once.
 * The fields say what the registry expects (login-hints.ts): NGC's fixed user `$oauthtoken` is prefilled
 * until the person types another; GHCR and GitLab want a personal access token as the password.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { Field, FormDialog } from '../../components/FormDialog';
import { useNotices } from '../../stores/notices';
import { loginHints } from './login-hints';

export function LoginDialog({ initialRegistry = '', onDone, onClose }: { initialRegistry?: string; onDone(): void; onClose(): void }) {
  const [registry, setRegistry] = useState(initialRegistry);
  // null: not typed by the person, so the registry's fixed user (if any) shows.
  const [typedUser, setTypedUser] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const hints = loginHints(registry);
  const username = typedUser ?? hints.username ?? '';
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
      <Field label="Username" value={username} onChange={setTypedUser} autoFocus={!!initialRegistry} autoComplete="username" hint={hints.usernameHint} />
      <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" hint={hints.passwordHint} />
    </FormDialog>
  );
}
