/**
 * The fixed scripts apptainer puts into every image it builds (`makeFiles` in apptainer/apptainer
 * internal/pkg/build/sources/base_environment.go, which embeds exec.sh, run.sh, shell.sh, start.sh,
 * test.sh, 01-base.sh, 90-environment.sh, 95-apps.sh, 99-base.sh, 99-runtimevars.sh and
 * startscript.sh from the same folder). Berth's text is its own, with the same behaviour: the
 * action scripts source `/.singularity.d/env/*.sh` in name order and then do their action; the env
 * scripts set what apptainer's do. Apptainer 1.x runs its actions through an embedded interpreter
 * and needs these files mainly for older runtimes and for `/.run`, `/.exec` & co.; they are there so
 * the image looks like one apptainer built.
 *
 * Variable names are apptainer's (`SINGULARITY_APPNAME`, `SINGULARITY_SHELL`, `APPTAINER_NAME`,
 * `SING_USER_DEFINED_*`): the runtime sets them.
 */

/** Sources the env scripts in order (the glob sorts 01-, 10-, 90-, 95-, 99-… as apptainer's `sort -n` does). */
const SOURCE_ENV = `for __berth_env in /.singularity.d/env/*.sh; do
    if [ -f "$__berth_env" ]; then
        . "$__berth_env"
    fi
done
unset __berth_env
`;

/** `/.singularity.d/actions/exec`: environment, then the given command. */
export const EXEC_ACTION = `#!/bin/sh
${SOURCE_ENV}
exec "$@"
`;

/** Runs an app's script when SINGULARITY_APPNAME names one, else the container's own (`kind` = runscript or test). */
function appOrOwn(kind: 'runscript' | 'test', own: string, fallback: string): string {
  return `if test -n "\${SINGULARITY_APPNAME:-}"; then
    if test -x "/scif/apps/\${SINGULARITY_APPNAME:-}/scif/${kind}"; then
        exec "/scif/apps/\${SINGULARITY_APPNAME:-}/scif/${kind}" "$@"
    elif test -x "/scif/apps/singularity/scif/${kind}"; then
        exec "/scif/apps/singularity/scif/${kind}" "$@"
    else
        echo "No ${kind === 'test' ? 'tests' : 'Apptainer runscript'} for contained app: \${SINGULARITY_APPNAME:-}"
        exit 1
    fi
elif test -x "${own}"; then
    exec "${own}" "$@"
else
${fallback}
fi
`;
}

/** `/.singularity.d/actions/run`: an app's runscript, the container's runscript, or /bin/sh. */
export const RUN_ACTION = `#!/bin/sh
${SOURCE_ENV}
${appOrOwn('runscript', '/.singularity.d/runscript', `    echo "No Apptainer runscript found, executing /bin/sh"
    exec /bin/sh "$@"`)}`;

/** `/.singularity.d/actions/test`: an app's test, the container's test, or `/bin/sh -c true`. */
export const TEST_ACTION = `#!/bin/sh
${SOURCE_ENV}
${appOrOwn('test', '/.singularity.d/test', `    echo "No test found in container, executing /bin/sh -c true"
    exec /bin/sh -c true`)}`;

/** `/.singularity.d/actions/shell`: $SINGULARITY_SHELL, else bash without rc files, else sh. */
export const SHELL_ACTION = `#!/bin/sh
${SOURCE_ENV}
if test -n "$SINGULARITY_SHELL" -a -x "$SINGULARITY_SHELL"; then
    exec $SINGULARITY_SHELL "$@"
    echo "ERROR: Failed running shell as defined by '\\$SINGULARITY_SHELL'" 1>&2
    exit 1
elif test -x /bin/bash; then
    SHELL=/bin/bash
    PS1="Apptainer $APPTAINER_NAME:\\\\w> "
    export SHELL PS1
    exec /bin/bash --norc "$@"
elif test -x /bin/sh; then
    SHELL=/bin/sh
    export SHELL
    exec /bin/sh "$@"
else
    echo "ERROR: /bin/sh does not exist in container" 1>&2
fi
exit 1
`;

/** `/.singularity.d/actions/start`: wakes PID 1 (the instance's init waits for it), then the startscript. */
export const START_ACTION = `#!/bin/sh
# The instance's PID 1 waits for this signal before it goes on: keep it.
kill -CONT 1

${SOURCE_ENV}
if test -x "/.singularity.d/startscript"; then
    exec "/.singularity.d/startscript"
fi
`;

/** `/.singularity.d/env/01-base.sh`: nothing to set (apptainer's holds only its licence header). */
export const ENV_01_BASE = `#!/bin/sh
# Base environment of the container: nothing to set.
`;

/** `/.singularity.d/env/90-environment.sh`: where a definition's %environment goes; empty here. */
export const ENV_90_ENVIRONMENT = `#!/bin/sh
# Custom environment shell code should follow
`;

/** `/.singularity.d/env/95-apps.sh`: SCIF app paths and environment when SINGULARITY_APPNAME is set. */
export const ENV_95_APPS = `#!/bin/sh
if test -n "\${SINGULARITY_APPNAME:-}"; then
    export SINGULARITY_APPNAME
    __berth_app="/scif/apps/\${SINGULARITY_APPNAME:-}"
    if test -d "$__berth_app/"; then
        SCIF_APPS="/scif/apps"
        SCIF_APPROOT="$__berth_app"
        export SCIF_APPROOT SCIF_APPS
        PATH="$__berth_app:/scif/apps/singularity:$PATH"
        if test -d "$__berth_app/bin"; then
            PATH="$__berth_app/bin:$PATH"
        elif test -d "/scif/apps/singularity/bin"; then
            PATH="/scif/apps/singularity/bin:$PATH"
        fi
        if test -d "$__berth_app/lib"; then
            LD_LIBRARY_PATH="$__berth_app/lib:$LD_LIBRARY_PATH"
            export LD_LIBRARY_PATH
        elif test -d "/scif/apps/singularity/lib"; then
            LD_LIBRARY_PATH="/scif/apps/singularity/lib:$LD_LIBRARY_PATH"
            export LD_LIBRARY_PATH
        fi
        for __berth_f in 01-base.sh 90-environment.sh; do
            if [ -f "$__berth_app/scif/env/$__berth_f" ]; then
                . "$__berth_app/scif/env/$__berth_f"
            elif [ -f "/scif/apps/singularity/scif/env/$__berth_f" ]; then
                . "/scif/apps/singularity/scif/env/$__berth_f"
            fi
        done
        unset __berth_f
        export PATH
    else
        echo "Could not locate the container application: \${SINGULARITY_APPNAME}"
        exit 1
    fi
    unset __berth_app
fi
`;

/** `/.singularity.d/env/99-base.sh`: /.singularity.d/libs last on LD_LIBRARY_PATH, a default prompt. */
export const ENV_99_BASE = `#!/bin/sh
if [ -z "\${LD_LIBRARY_PATH:-}" ]; then
    LD_LIBRARY_PATH="/.singularity.d/libs"
else
    LD_LIBRARY_PATH="$LD_LIBRARY_PATH:/.singularity.d/libs"
fi
if [ -z "\${PS1:-}" ]; then
    PS1="Apptainer> "
fi
export LD_LIBRARY_PATH PS1
`;

/** `/.singularity.d/env/99-runtimevars.sh`: the PATH changes asked for with `--env PATH`/prepend/append options. */
export const ENV_99_RUNTIMEVARS = `#!/bin/sh
if [ -n "\${SING_USER_DEFINED_PREPEND_PATH:-}" ]; then
    PATH="\${SING_USER_DEFINED_PREPEND_PATH}:\${PATH}"
fi
if [ -n "\${SING_USER_DEFINED_APPEND_PATH:-}" ]; then
    PATH="\${PATH}:\${SING_USER_DEFINED_APPEND_PATH}"
fi
if [ -n "\${SING_USER_DEFINED_PATH:-}" ]; then
    PATH="\${SING_USER_DEFINED_PATH}"
fi
unset SING_USER_DEFINED_PREPEND_PATH SING_USER_DEFINED_APPEND_PATH SING_USER_DEFINED_PATH
export PATH
`;

/** `/.singularity.d/startscript`: an instance started from a docker image runs nothing by itself. */
export const STARTSCRIPT = `#!/bin/sh
`;
