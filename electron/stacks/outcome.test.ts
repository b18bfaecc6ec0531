// What a failed Up says first, from Compose's own output: lines as docker-compose 1.29 and podman-compose
// 1.0.3 printed them here (against the private dockerd and Podman service), cut to what matters.
import { describe, expect, it } from 'vitest';
import { describeFailures, dockerComposeFailures, podmanComposeFailures, stackState } from './outcome';

describe('dockerComposeFailures (docker-compose 1.x)', () => {
  it('names a service that did not start once, with the engine\'s reason', () => {
    const lines = [
      'Creating dcx_web_1 ... ',
      'Creating dcx_broken_1 ... ',
      'Creating dcx_web_1    ... done',
      'Creating dcx_broken_1 ... error',
      'ERROR: for dcx_broken_1  Cannot start service broken: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "no-such-command": executable file not found in $PATH: unknown',
      'ERROR: for broken  Cannot start service broken: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "no-such-command": executable file not found in $PATH: unknown',
      'Encountered errors while bringing up the project.',
    ];
    const failures = dockerComposeFailures(lines);
    expect(failures).toEqual([{ service: 'broken', container: 'dcx_broken_1', reason: expect.stringContaining('exec: "no-such-command": executable file not found') }]);
    expect(describeFailures(failures)).toMatch(/^service broken \(dcx_broken_1\) did not start: failed to create shim task/);
  });

  it('a pull that was the last thing Compose did: that image is missing', () => {
    const failures = dockerComposeFailures(['Pulling gone (berth-test/no-such-image:1)...', 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host']);
    expect(failures).toEqual([{ service: 'gone', image: 'berth-test/no-such-image:1', reason: expect.stringContaining('no such host') }]);
    expect(describeFailures(failures)).toMatch(/^the image berth-test\/no-such-image:1 of service gone is not on the engine and could not be pulled: Get/);
  });

  it('a pull that went well, then other work, is no failure', () => {
    expect(dockerComposeFailures(['Pulling web (busybox:1)...', '1: Pulling from library/busybox', 'Creating p_web_1 ... done'])).toEqual([]);
  });
});

describe('podmanComposeFailures (podman-compose 1.0.x)', () => {
  const run = (name: string, service: string, rest: string) => `podman run --name=${name} -d --label io.podman.compose.project=pcx --label com.docker.compose.project=pcx --label com.docker.compose.container-number=1 --label com.docker.compose.service=${service} --net pcx_default --network-alias ${service} ${rest}`;
  const lines = [
    "['podman', '--version', '']",
    'using podman version: 4.3.1',
    "['podman', 'network', 'exists', 'pcx_default']",
    run('pcx_web_1', 'web', 'berth-test/busybox:latest sh -c sleep'),
    'e46680696901c7ef3eb059f2622bfee2945d95ecc151dc9455df30c0ae7e1467',
    'exit code: 0',
    'podman volume inspect pcx_data || podman volume create pcx_data',
    "['podman', 'volume', 'inspect', 'pcx_data']",
    'Error: inspecting object: no such volume "pcx_data"',
    run('pcx_broken_1', 'broken', 'berth-test/busybox:latest no-such-command'),
    'Error: runc: runc create failed: unable to start container process: exec: "no-such-command": executable file not found in $PATH: OCI runtime attempted to invoke a command that was not found',
    'exit code: 127',
    'podman start pcx_broken_1',
    'Error: unable to start container "f7d2f95a": runc: runc create failed: unable to start container process: exec: "no-such-command": executable file not found in $PATH',
    'exit code: 125',
    run('pcx_gone_1', 'gone', 'berth-test/no-such-image:1'),
    'Resolving "berth-test/no-such-image" using unqualified-search registries (/tmp/pc-podman/registries.conf)',
    'Trying to pull docker.io/berth-test/no-such-image:1...',
    'Error: initializing source docker://berth-test/no-such-image:1: pinging container registry registry-1.docker.io: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    'exit code: 125',
    'podman start pcx_gone_1',
    'Error: no container with name or ID "pcx_gone_1" found: no such container',
    'exit code: 125',
  ];

  it('a start that failed after a failed run is a failure, with the run\'s reason and the image it could not pull', () => {
    expect(podmanComposeFailures(lines)).toEqual([
      { service: 'broken', container: 'pcx_broken_1', reason: expect.stringMatching(/^runc: runc create failed.*no-such-command/) },
      { service: 'gone', container: 'pcx_gone_1', image: 'berth-test/no-such-image:1', reason: expect.stringMatching(/^initializing source docker:\/\/berth-test\/no-such-image:1/) },
    ]);
  });

  it('a run that failed because the container exists, then a start that worked, is no failure', () => {
    expect(podmanComposeFailures([run('p_web_1', 'web', 'img'), 'Error: creating container storage: the container name "p_web_1" is already in use', 'exit code: 125', 'podman start p_web_1', 'p_web_1', 'exit code: 0'])).toEqual([]);
  });
});

describe('stackState', () => {
  it('says partly running and which service is not up, never all well', () => {
    expect(
      stackState([
        { service: 'web', state: 'running', status: 'Up 2 seconds' },
        { service: 'broken', state: 'created', status: 'Created' },
        { service: 'job', state: 'exited', status: 'Exited (3) 1 second ago' },
      ]),
    ).toBe('on the engine now: partly running, 1 of 3 containers up (broken created, never started; job exited (exit code 3); web running)');
    expect(stackState([{ service: 'web', state: 'running', status: 'Up' }])).toBe('on the engine now: all 1 containers running (web running)');
    expect(stackState([])).toBe('on the engine now: no container of the stack');
  });
});
