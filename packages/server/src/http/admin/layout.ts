/**
 * The console's page frame: a header with the signed-in operator, the navigation, a flash message, and
 * forms that carry the session's CSRF token.
 *
 * @module
 */
import { html, type Html } from './html.js';

export interface PageContext {
  /** The signed-in operator, null on the sign-in page. */
  readonly username: string | null;
  readonly csrf: string | null;
  /** The project the page is about, for the navigation. */
  readonly projectId?: string | undefined;
}

export interface Flash {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

export function page(ctx: PageContext, title: string, body: Html, flash?: Flash | null): Html {
  const p = ctx.projectId ? encodeURIComponent(ctx.projectId) : null;
  const nav = ctx.username
    ? html`<nav aria-label="Main">
        <a href="/admin">Overview</a>
        ${p ? html`<a href="/admin/projects/${p}">Project</a><a href="/admin/projects/${p}/users">Users</a><a href="/admin/projects/${p}/organizations">Organizations</a>` : ''}
        <a href="/admin/audit">Audit log</a>
      </nav>
      <form method="post" action="/admin/logout" class="signout">${csrfField(ctx)}<span>${ctx.username}</span><button type="submit">Sign out</button></form>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · Tessera admin</title>
<link rel="stylesheet" href="/admin/assets/console.css">
</head>
<body>
<header><a class="brand" href="/admin">Tessera admin</a>${nav}</header>
<main id="main">
<h1>${title}</h1>
${flash ? html`<p class="flash ${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}">${flash.text}</p>` : ''}
${body}
</main>
</body>
</html>`;
}

export function csrfField(ctx: Pick<PageContext, 'csrf'>): Html {
  return ctx.csrf ? html`<input type="hidden" name="_csrf" value="${ctx.csrf}">` : html``;
}

/** A one-button form that POSTs to `action` (revoke, lock, remove...). */
export function actionButton(ctx: Pick<PageContext, 'csrf'>, action: string, label: string, opts: { danger?: boolean; fields?: Record<string, string> } = {}): Html {
  const fields = Object.entries(opts.fields ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  return html`<form method="post" action="${action}" class="inline">${csrfField(ctx)}${fields}<button type="submit"${opts.danger ? html` class="danger"` : ''}>${label}</button></form>`;
}
