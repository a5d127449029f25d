/**
 * The sign-in page, and the page shown while the console is off (no admin account yet).
 *
 * @module
 */
import { html, type Html } from '../html.js';
import { page, type Flash, type PageContext } from '../layout.js';

export function signInPage(flash: Flash | null, username = ''): Html {
  return page(
    { username: null, csrf: null },
    'Sign in',
    html`<section class="login">
<form method="post" action="/admin/login">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required maxlength="64" value="${username}" autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="1024">
<p><button type="submit">Sign in</button></p>
</form>
<p class="muted">Operator accounts are made with <code>tessera admin create &lt;username&gt;</code>.</p>
</section>`,
    flash,
  );
}

export function consoleOffPage(): Html {
  return page(
    { username: null, csrf: null },
    'The admin console is off',
    html`<section><p>No operator account exists yet. On the server, run <code>tessera admin create &lt;username&gt;</code>, then reload this page.</p>
<p class="muted">Set <code>TESSERA_ADMIN=off</code> to remove the console entirely.</p></section>`,
  );
}

export function errorPage(ctx: PageContext, title: string, text: string): Html {
  return page(ctx, title, html`<section><p>${text}</p><p><a href="/admin">Back to the overview</a></p></section>`);
}
