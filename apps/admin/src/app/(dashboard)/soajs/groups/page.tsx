import type { Metadata } from 'next';
import { GroupsView } from './groups-view';

export const metadata: Metadata = { title: 'SOAJS groups' };

export default function SoajsGroupsPage() {
  return <GroupsView />;
}
