import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConfirmProvider } from '@/components/confirm-button';
import { themeScript } from '@/components/theme-toggle';
import { ToastProvider } from '@/components/toast';
import { TRPCReactProvider } from '@/trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Profilehub admin', template: '%s · Profilehub admin' },
  description: 'Administer Profilehub workspaces, accounts, API tokens and vendor compatibility surfaces.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, no user input */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">
        <TRPCReactProvider>
          <ToastProvider>
            <ConfirmProvider>{children}</ConfirmProvider>
          </ToastProvider>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
