/**
 * Shows the dialog the palette or a shortcut asked for (stores/command-ui.ts), over whatever view is
 * shown: the very dialogs the views open from their buttons, confirmations included. The object is looked
 * up live by its ID; once it is gone (removed by this very dialog, say) the last copy seen stays, as the
 * views keep theirs, so a dialog showing its task's progress does not vanish.
 */
import { useMemo, useState } from 'react';
import type { DialogRequest } from '../../stores/command-ui';
import { useContainers, useImages } from '../../stores/stores';
import { shortId } from '../../format';
import { RunDialog } from '../containers/RunDialog';
import { RemoveContainerDialog } from '../containers/RemoveContainerDialog';
import { BuildDialog } from '../images/BuildDialog';
import { PullDialog } from '../images/PullDialog';
import { PushDialog } from '../images/PushDialog';
import { RemoveImageDialog } from '../images/RemoveImageDialog';
import { TagDialog } from '../images/TagDialog';
import { OpenArchiveDialog } from '../layers/OpenArchiveDialog';
import { ExportSifDialog } from '../sif/ExportSifDialog';
import { OpenSifDialog } from '../sif/OpenSifDialog';
import { DownStackDialog } from '../stacks/DownStackDialog';
import { RemoveStackDialog } from '../stacks/RemoveStackDialog';
import { UpStackDialog } from '../stacks/UpStackDialog';
import { groupStacks, projectOf } from '../stacks/group';
import { CreateServiceDialog } from '../swarm/CreateServiceDialog';

/** `found`, or once it is undefined the last value it had (the component is keyed by its request). */
function useKept<T>(found: T | undefined): T | undefined {
  const [kept, setKept] = useState(found);
  if (found !== undefined && found !== kept) setKept(found);
  return found ?? kept;
}

/**
 * The dialog `dialog` asks for (its own chunk, with every dialog it can open: the first script of the page
 * does not carry them, nor the contract's schemas they check with; see RequestedLazy in CommandLayer.tsx).
 */
export function Requested({ dialog, onClose }: { dialog: DialogRequest; onClose(): void }) {
  const containers = useContainers((s) => s.items);
  const images = useImages((s) => s.items);
  const id = 'id' in dialog ? dialog.id : undefined;
  const project = 'project' in dialog ? dialog.project : undefined;
  const container = useKept(containers.find((c) => c.id === id));
  const image = useKept(images.find((i) => i.id === id));
  const stackNow = useMemo(() => (project ? groupStacks(containers.filter((c) => projectOf(c) === project))[0] : undefined), [containers, project]);
  const stack = useKept(stackNow);
  const usedBy = image ? containers.filter((c) => c.imageId === image.id).length : 0;

  switch (dialog.kind) {
    case 'run':
      return <RunDialog image={dialog.image} onClose={onClose} />;
    case 'pull':
      return <PullDialog onClose={onClose} />;
    case 'build':
      return <BuildDialog onClose={onClose} />;
    case 'up':
      return <UpStackDialog onClose={onClose} />;
    case 'open-archive':
      return <OpenArchiveDialog onClose={onClose} />;
    case 'open-sif':
      return <OpenSifDialog onClose={onClose} />;
    case 'create-service':
      return <CreateServiceDialog onClose={onClose} />;
    case 'remove-container':
      return container ? <RemoveContainerDialog container={container} onClose={onClose} /> : null;
    case 'tag-image':
      return image ? <TagDialog image={image} onClose={onClose} /> : null;
    case 'push-image':
      return image ? <PushDialog image={image} onClose={onClose} /> : null;
    case 'export-sif':
      return image ? <ExportSifDialog image={image.id} label={image.repoTags[0] ?? shortId(image.id)} onClose={onClose} /> : null;
    case 'remove-image':
      return image ? <RemoveImageDialog image={image} usedBy={usedBy} onClose={onClose} /> : null;
    case 'down-stack':
      return stack ? <DownStackDialog stack={stack} onClose={onClose} /> : null;
    case 'remove-stack':
      return stack ? <RemoveStackDialog stack={stack} onClose={onClose} /> : null;
  }
}
