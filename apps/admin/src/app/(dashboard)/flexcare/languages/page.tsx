import type { Metadata } from 'next';
import { LanguagesView } from './languages-view';

export const metadata: Metadata = { title: 'FlexCare dialog languages' };

export default function FlexcareLanguagesPage() {
  return <LanguagesView />;
}
