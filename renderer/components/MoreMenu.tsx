/**
 * A row's "More" menu: the actions that do not fit in the row, as `menuitem`s named by their verb, behind a
 * `button` named "More" (`aria-haspopup="menu"`). Focus handling and the keyboard (Enter, Space, ArrowDown
 * open; arrows move; Escape closes and returns focus to the button) are Radix's DropdownMenu, not ours.
 * An item that destroys still opens its confirmation: the menu only starts what the row's button did.
 */
import * as Menu from '@radix-ui/react-dropdown-menu';

/** One item of a More menu. */
export interface MoreAction {
  /** The verb, the item's accessible name ("Kill", "Details"). */
  label: string;
  onSelect(): void;
  disabled?: boolean;
  /** Shown in the danger colour (the action removes or kills something). */
  danger?: boolean;
  /** A longer description, as the row buttons' titles. */
  title?: string;
}

/** `actions` behind a "More" button for the object named `name` (used in the button's description). */
export function MoreMenu({ name, actions }: { name: string; actions: MoreAction[] }) {
  if (actions.length === 0) return null;
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <button type="button" title={`More actions for ${name}`}>
          More <span aria-hidden="true">▾</span>
        </button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" align="end" sideOffset={4} collisionPadding={8} aria-label={`Actions for ${name}`}>
          {actions.map((a) => (
            <Menu.Item key={a.label} className={a.danger ? 'menu-item danger' : 'menu-item'} disabled={a.disabled} title={a.title} onSelect={() => a.onSelect()}>
              {a.label}
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

/** Navigate to a view's hash route (for menu items that were links in the row). */
export function go(hash: string): void {
  window.location.hash = hash;
}
