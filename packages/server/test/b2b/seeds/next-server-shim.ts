// A stand-in for `next/server` (Next.js itself runs in the frontend issue's example app): `NextResponse.next()`
// and `NextResponse.redirect(url)` return what the test inspects; `NextRequest` carries `nextUrl`.
export class NextRequest {
  readonly nextUrl: URL;
  constructor(url: string) {
    this.nextUrl = new URL(url);
  }
}

export const NextResponse = {
  next: () => ({ kind: 'next' as const }),
  redirect: (url: URL) => ({ kind: 'redirect' as const, location: url.href }),
};
