import type { Metadata } from 'next';
import { TransferView } from './transfer-view';

export const metadata: Metadata = { title: '2N import / export' };

export default function TwonTransferPage() {
  return <TransferView />;
}
