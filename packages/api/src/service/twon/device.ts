// What a 2N device says about itself (`api/system/info`, spec 4.6): the directory's emulated model, with a
// serial number and MAC address derived from the directory id, so they stay the same for the directory's life.
import { createHash } from 'node:crypto';
import { twonDirectories } from '@profilehub/db';
import { and, eq } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type { TwonDeviceInfo, TwonDeviceInfoInput, TwonModel } from '../../contract/twon';
import { loadDirectory } from './directory';

const variants: Record<TwonModel, string> = {
  verso: '2N IP Verso',
  style: '2N IP Style',
  vario: '2N IP Vario',
  base: '2N IP Base',
  uni: '2N IP Uni',
  accessunit: '2N Access Unit',
  ipone: '2N IP One',
  videokit: '2N IP Video Kit',
  audiokit: '2N IP Audio Kit',
};

/** The firmware the emulation answers as: the directory API of the 2.4x manuals it follows. */
export const TWON_EMULATED_FIRMWARE = '2.44.0.0.0';

// 2N's serial numbers read `NN-NNNN-NNNN`; its MAC addresses start with its OUI 7C-1E-B3.
function identity(directoryId: string) {
  const digest = createHash('sha256').update(`twon-device:${directoryId}`).digest();
  const digits = (digest.readBigUInt64BE(0) % 10_000_000_000n).toString().padStart(10, '0');
  const mac = [0x7c, 0x1e, 0xb3, digest[8]!, digest[9]!, digest[10]!].map((b) => b.toString(16).toUpperCase().padStart(2, '0'));
  return { serialNumber: `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`, macAddr: mac.join('-') };
}

export async function deviceInfo({ ctx, input }: { ctx: AuthedContext; input: TwonDeviceInfoInput }): Promise<TwonDeviceInfo> {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const [row] = await ctx.db
    .select({ name: twonDirectories.name })
    .from(twonDirectories)
    .where(and(eq(twonDirectories.workspaceId, dir.workspaceId), eq(twonDirectories.id, dir.id)));
  return {
    variant: variants[dir.model],
    ...identity(dir.id),
    hwVersion: 'emulated',
    swVersion: TWON_EMULATED_FIRMWARE,
    buildType: 'release',
    firmwarePackage: dir.model,
    deviceName: row?.name ?? variants[dir.model],
  };
}
