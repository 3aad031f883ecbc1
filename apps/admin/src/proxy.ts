import { type NextRequest, NextResponse } from 'next/server';
import { PATH_HEADER } from '@/lib/return-path';

// Server components cannot see the request URL; the dashboard layout needs it to send a signed-out visitor to
// /login?next=<this page>. The proxy passes the path on as a request header (overwriting any client-sent one).

export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Pages only: the tRPC proxy, Next's assets and the icon do not need it.
  matcher: ['/((?!trpc/|_next/|icon\\.svg|favicon\\.ico).*)'],
};
