/**
 * A project: ids and public tokens, secrets (a new one shown once), allowed origins, signing keys and
 * their rotation, and the RBAC policy (edited as JSON, checked by the server's own validation).
 *
 * @module
 */
import { SIGNING_ALGS } from '../../../crypto/jwt-signing.js';
import type { ProjectRecord, SigningKeyRecord } from '../../../store/records.js';
import type { SecretView } from '../../../domain/projects/project-secrets.js';
import { html, when, type Html } from '../html.js';
import { actionButton, csrfField, page, type Flash, type PageContext } from '../layout.js';

export interface ProjectPageData {
  project: ProjectRecord;
  publicTokens: string[];
  secrets: SecretView[];
  origins: string[];
  keys: (SigningKeyRecord & { alg: string; state: 'signing' | 'published' | 'pending' })[];
  /** The policy as the textarea shows it: the stored one, or what the operator submitted with an error. */
  policyText: string;
  /** A secret created by this request: its only showing. */
  newSecret?: { secret_id: string; secret: string } | undefined;
}

export function projectPage(ctx: PageContext, d: ProjectPageData, flash: Flash | null, status?: { policyError?: string }): Html {
  const base = `/admin/projects/${encodeURIComponent(d.project.project_id)}`;
  return page(
    ctx,
    d.project.name,
    html`<section><dl>
<dt>Project id</dt><dd class="mono">${d.project.project_id}</dd>
<dt>Environment</dt><dd>${d.project.env}</dd>
<dt>Created</dt><dd>${when(d.project.created_at)}</dd>
<dt>Public tokens</dt><dd>${d.publicTokens.map((t) => html`<div class="mono">${t}</div>`)}</dd>
</dl></section>

<section aria-labelledby="secrets"><h2 id="secrets">Secrets</h2>
${d.newSecret
  ? html`<div class="once" role="status"><p><strong>New secret</strong> (<span class="mono">${d.newSecret.secret_id}</span>). Copy it now: it is shown only this once, and only its hash is stored.</p>
<p><code id="new-secret">${d.newSecret.secret}</code></p></div>`
  : ''}
<table><thead><tr><th scope="col">Secret id</th><th scope="col">Ends with</th><th scope="col">Created</th><th scope="col"><span class="muted">Action</span></th></tr></thead><tbody>
${d.secrets.map(
  (s) =>
    html`<tr><td class="mono">${s.secret_id}</td><td class="mono">…${s.last_four}</td><td>${when(s.created_at)}</td><td>${
      d.secrets.length > 1 ? actionButton(ctx, `${base}/secrets/${encodeURIComponent(s.secret_id)}/remove`, 'Remove', { danger: true }) : html`<span class="muted">last secret</span>`
    }</td></tr>`,
)}
</tbody></table>
<p>${actionButton(ctx, `${base}/secrets`, 'Create a new secret')} <span class="muted">Rotate: create a new secret, deploy it, then remove the old one.</span></p>
</section>

<section aria-labelledby="origins"><h2 id="origins">Allowed origins (frontend API)</h2>
${d.origins.length ? html`<ul>${d.origins.map((o) => html`<li><span class="mono">${o}</span> ${actionButton(ctx, `${base}/origins/remove`, 'Remove', { danger: true, fields: { origin: o } })}</li>`)}</ul>` : html`<p class="muted">None${d.project.env === 'test' ? ' (test projects also allow http://localhost:* and http://127.0.0.1:*)' : ''}.</p>`}
<form method="post" action="${base}/origins">${csrfField(ctx)}<label for="origin">Add an origin</label><input type="text" id="origin" name="origin" placeholder="https://app.example.com" required> <button type="submit">Add</button></form>
</section>

<section aria-labelledby="keys"><h2 id="keys">Signing keys</h2>
<table><thead><tr><th scope="col">Key id</th><th scope="col">Algorithm</th><th scope="col">Created</th><th scope="col">Signs from</th><th scope="col">State</th></tr></thead><tbody>
${d.keys.map((k) => html`<tr><td class="mono">${k.kid}</td><td>${k.alg}</td><td>${when(k.created_at)}</td><td>${when(k.activates_at)}</td><td>${k.state}</td></tr>`)}
</tbody></table>
<form method="post" action="${base}/keys/rotate">${csrfField(ctx)}
<label for="alg">Rotate: add a key</label>
<select id="alg" name="alg">${SIGNING_ALGS.map((a) => html`<option value="${a}"${d.keys[d.keys.length - 1]?.alg === a ? html` selected` : ''}>${a}</option>`)}</select>
<label><input type="checkbox" name="immediate" value="on"> Sign with it now (otherwise after the activation delay, once verifiers have fetched it)</label>
<button type="submit">Rotate signing key</button></form>
</section>

<section aria-labelledby="policy"><h2 id="policy">RBAC policy (B2B)</h2>
<form method="post" action="${base}/policy">${csrfField(ctx)}
<label for="policy-json">Policy as JSON: <code>{ "roles": [...], "resources": [...], "scopes": [...] }</code></label>
${status?.policyError ? html`<p class="flash error" role="alert" id="policy-error">${status.policyError}</p>` : ''}
<textarea id="policy-json" name="policy" spellcheck="false"${status?.policyError ? html` aria-invalid="true" aria-describedby="policy-error"` : ''}>${d.policyText}</textarea>
<p><button type="submit">Save policy</button></p></form>
</section>`,
    flash,
  );
}
