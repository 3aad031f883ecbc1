import type { Metadata } from 'next';
import { UsersView } from './users-view';

export const metadata: Metadata = { title: 'SOAJS users' };

export default function SoajsUsersPage() {
  return <UsersView />;
}
