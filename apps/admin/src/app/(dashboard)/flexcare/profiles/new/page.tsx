import type { Metadata } from 'next';
import { NewProfileView } from '../profile-form';

export const metadata: Metadata = { title: 'New FlexCare dialog profile' };

export default function NewFlexcareProfilePage() {
  return <NewProfileView />;
}
