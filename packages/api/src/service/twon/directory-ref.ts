import { twonDirectories } from '@profilehub/db';
import type { TwonModel } from '../../contract/twon';

/** What a call needs to know of the directory it addresses. */
export type TwonDirectoryRef = { id: string; workspaceId: string; model: TwonModel; series: string; capacity: number };

export const refColumns = {
  id: twonDirectories.id,
  workspaceId: twonDirectories.workspaceId,
  model: twonDirectories.model,
  series: twonDirectories.series,
  capacity: twonDirectories.capacity,
};
