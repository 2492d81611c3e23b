using Engagement.Reports.Output;

namespace Engagement.Local.Http;

/// <summary>The dashboard's HTML, script and stylesheet. No inline script or style (the Content-Security-Policy forbids them);
/// every value from the database is escaped by the report writer, and the script only ever sets <c>textContent</c>.</summary>
internal static class DashboardPages
{
    public const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static string SignIn(string? error) => Page("Sign in", $"""
        <h1>Engagement dashboard</h1>
        <form method="post" action="/dashboard/sign-in">
        <p><label>API key <input type="password" name="key" autocomplete="current-password" required autofocus></label></p>
        {(error is null ? string.Empty : $"<p class=\"missed\" role=\"alert\">{Html.E(error)}</p>")}
        <p><button type="submit">Sign in</button></p>
        </form>
        <p class="muted">The key is exchanged for a session cookie (HttpOnly, SameSite=Strict) valid for 8 hours.</p>
        """, script: false);

    public static string Dashboard(ReportDocument report, Security.EngageRole role) => Page("Dashboard", $"""
        <form method="post" action="/dashboard/sign-out" class="signout"><span class="muted">signed in as {Security.EngageRoles.Name(role)}</span> <button type="submit">Sign out</button></form>
        <section id="live"><h2>Live</h2><table><tr><th>events processed</th><th>events pending</th><th>active enrollments</th><th>outbox pending</th><th>tasks</th><th>updated</th></tr>
        <tr><td class="n" data-live="processedEvents">-</td><td class="n" data-live="pendingEvents">-</td><td class="n" data-live="activeEnrollments">-</td><td class="n" data-live="outboxPending">-</td><td class="n" data-live="openTasks">-</td><td data-live="updated">-</td></tr></table>
        <p class="muted">Counts refresh every 5 seconds; the sections below are as of page load (reload for new pictures and statistics).</p></section>
        {HtmlReportWriter.Body(report, showContent: Security.EngageRoles.Grants(role, Security.EngageRole.Operator))}
        """, script: true);

    private static string Page(string title, string body, bool script) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · Engagement</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/dashboard/app.css">{(script ? "<script src=\"/dashboard/app.js\" defer></script>" : string.Empty)}</head>
        <body>{body}</body></html>
        """;

    public const string Script = """
        "use strict";
        async function refresh() {
          try {
            const r = await fetch("/dashboard/data", { credentials: "same-origin", headers: { "Accept": "application/json" } });
            if (r.status === 401) { window.location.assign("/dashboard/sign-in"); return; }
            if (!r.ok) return;
            const data = await r.json();
            for (const el of document.querySelectorAll("[data-live]")) {
              const name = el.getAttribute("data-live");
              if (name === "updated") { el.textContent = new Date().toLocaleTimeString(); continue; }
              if (name in data.status) el.textContent = Number(data.status[name]).toLocaleString("en");
            }
            for (const j of data.journeys) {
              for (const el of document.querySelectorAll("[data-live-journey]")) {
                if (el.getAttribute("data-live-journey") === j.id + "/" + j.version) el.textContent = "entered " + j.entered.toLocaleString("en") + ", goals " + j.goals.toLocaleString("en");
              }
            }
          } catch (e) { /* offline for a moment: try again next tick */ }
        }
        refresh();
        setInterval(refresh, 5000);
        """;
}
