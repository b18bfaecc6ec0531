/** The tabs of one container's sub-view (`#/container/<id>/<tab>`), in order; kept apart so the router needs no view code. */
export const CONTAINER_TABS = ['logs', 'stats', 'inspect'] as const;
/** One of CONTAINER_TABS. */
export type ContainerTab = (typeof CONTAINER_TABS)[number];
