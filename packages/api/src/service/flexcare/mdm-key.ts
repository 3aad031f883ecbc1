// A profile's mdmKey is shown to its customer (MDM configuration) and answered by the API, so it cannot be
// hashed; at rest it is sealed (AES-256-GCM, subkey `flexcare-mdm-key` of the server secret), bound to its
// workspace and profile id so a ciphertext moved onto another row does not open.
import { seal, unseal } from '../../auth/server-secret';

const context = (workspaceId: string, profileId: string) => `flexcare-profile:${workspaceId}:${profileId}`;

export function sealMdmKey(workspaceId: string, profileId: string, mdmKey: string): string {
  return seal('flexcare-mdm-key', mdmKey, context(workspaceId, profileId));
}

export function openMdmKey(workspaceId: string, profileId: string, stored: string): string {
  return unseal('flexcare-mdm-key', stored, context(workspaceId, profileId));
}
