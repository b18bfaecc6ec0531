/** The header of a sub-view (one image, one container, one stack): a link back to its list, its heading, and any controls. */
import type { ReactNode } from 'react';

interface Props {
  /** Where "←" leads, e.g. `#/images`, and the list's name, e.g. `Images`. */
  back: { href: string; name: string };
  /** The heading's id (the section's `aria-labelledby`). */
  id: string;
  title: ReactNode;
  children?: ReactNode;
}

export function SubViewHeader({ back, id, title, children }: Props) {
  return (
    <header className="view-head">
      <a className="back" href={back.href}>
        ← {back.name}
      </a>
      <h1 id={id}>{title}</h1>
      {children}
    </header>
  );
}
