import { describe, expect, it } from 'vitest';
import { loginHints } from './login-hints';

describe('loginHints', () => {
  it('fixes the NGC user to $oauthtoken with an API key as the password', () => {
    for (const r of ['nvcr.io', 'https://nvcr.io/', 'NVCR.IO']) {
      expect(loginHints(r).username, r).toBe('$oauthtoken');
      expect(loginHints(r).passwordHint, r).toMatch(/NGC API key/);
    }
  });
  it('asks GHCR and GitLab for a personal access token as the password', () => {
    expect(loginHints('ghcr.io').passwordHint).toMatch(/personal access token.*read:packages/);
    for (const r of ['registry.gitlab.com', 'gitlab.example.com:5050', 'registry.gitlab.example.org']) expect(loginHints(r).passwordHint, r).toMatch(/GitLab .*token.*read_registry/);
    expect(loginHints('ghcr.io').username).toBeUndefined();
  });
  it('says nothing special for other registries, and prefills no user', () => {
    for (const r of ['127.0.0.1:5000', 'registry.example.com', 'mygitlabby.example.com', 'nvcr.io.example.com']) {
      expect(loginHints(r), r).toEqual({ passwordHint: expect.stringMatching(/^Or an access token\./) });
    }
    expect(loginHints('docker.io').passwordHint).toMatch(/Docker Hub/);
  });
});
