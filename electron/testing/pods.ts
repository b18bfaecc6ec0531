/** Test fixtures for Podman pods (electron/pods/ integration tests and e2e/pods.spec.ts). */

/**
 * Kubernetes YAML of a two-container pod named `name`: `web` (sleeps) and `side` (a loop that exits at once on
 * SIGTERM), both the test image as Podman names it; `labels` go on the pod's metadata.
 */
export function twoContainerPod(name: string, labels: Record<string, string> = {}): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: ${v}\n`).join('');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${labelLines ? `  labels:\n${labelLines}` : ''}spec:
  containers:
  - name: web
    image: docker.io/berth-test/busybox:latest
    command: ["sleep", "3600"]
  - name: side
    image: docker.io/berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
`;
}
