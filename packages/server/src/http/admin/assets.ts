/**
 * The console's only asset: its stylesheet (served from /admin/assets/console.css so the CSP can forbid
 * inline styles and every script).
 *
 * @module
 */
export const CONSOLE_CSS = `
:root { color-scheme: light; --fg:#1b1f24; --muted:#5b6470; --line:#d8dde3; --bg:#f6f7f9; --accent:#1f5fbf; --danger:#b42318; --ok:#067647; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.brand { font-weight: 700; color: var(--fg); text-decoration: none; }
nav { display: flex; gap: 1rem; flex: 1; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover, nav a:focus { text-decoration: underline; }
.signout { display: flex; gap: .6rem; align-items: center; color: var(--muted); }
main { max-width: 1180px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.45rem; margin: .6rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin-bottom: 1rem; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .88em; word-break: break-all; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
form.inline { display: inline; }
label { display: block; font-weight: 600; margin: .5rem 0 .2rem; }
input[type=text], input[type=password], input[type=search], select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #aab2bd; border-radius: 4px; background: #fff; }
input[type=text], input[type=password], input[type=search] { width: min(100%, 26rem); }
textarea { width: 100%; min-height: 18rem; font-family: ui-monospace, Menlo, monospace; font-size: .85rem; }
button { font: inherit; padding: .35rem .8rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.danger { background: #fff; color: var(--danger); border-color: var(--danger); }
button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #7aa7ee; outline-offset: 1px; }
.flash { padding: .6rem .8rem; border-radius: 4px; border: 1px solid; }
.flash.ok { color: var(--ok); border-color: var(--ok); background: #ecfdf3; }
.flash.error { color: var(--danger); border-color: var(--danger); background: #fef3f2; }
.once { padding: .6rem .8rem; border: 2px dashed var(--accent); background: #eef4ff; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 10px; font-size: .8rem; border: 1px solid var(--line); }
.badge.locked { color: var(--danger); border-color: var(--danger); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
.stat { font-size: 1.6rem; font-weight: 700; }
.chart svg { width: 100%; height: auto; }
.chart .ok { fill: #2e90fa; } .chart .fail { fill: #f04438; } .chart .warn { fill: #f79009; }
.chart text { font-size: 10px; fill: var(--muted); }
.legend span { margin-right: 1rem; font-size: .85rem; }
.legend .sw { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; }
.sw.ok { background: #2e90fa; } .sw.fail { background: #f04438; } .sw.warn { background: #f79009; }
.login { max-width: 26rem; margin: 4rem auto; }
`;
