/** The tabs of one stack's sub-view (`#/stack/<project>/<tab>`), in order; kept apart so the router needs no view code. */
export const STACK_TABS = ['services', 'configuration', 'commands'] as const;
/** One of STACK_TABS. */
export type StackTab = (typeof STACK_TABS)[number];
