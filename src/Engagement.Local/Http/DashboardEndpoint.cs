using System.Text;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Engagement.Reports.Facts;
using Engagement.Reports.Output;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>GET /dashboard</c>: the report's views over the live database, for browsers. Browsers cannot send the API key header,
/// so <c>POST /dashboard/sign-in</c> exchanges a key for a session cookie (HttpOnly, SameSite=Strict, Path=/dashboard, Secure
/// on HTTPS) that carries the key's name and role; every dashboard page carries a strict Content-Security-Policy (no inline
/// script or style). A key needs the viewer role to sign in (an ingest key gets 403); viewers see counts and statistics;
/// rendered messages and contact details only operators and admins. <c>GET /dashboard/data</c> gives the live counts as JSON.
/// </summary>
internal static class DashboardEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host, IReportSource source, ApiKeys keys, DashboardSessions sessions, AuditRecorder audit)
    {
        routes.MapGet("/dashboard", async context =>
        {
            var role = ApiCaller.Of(context)!.Role;
            var q = new QueryReader(context.Request.Query, "from", "to");
            q.ThrowIfInvalid();
            if (!ReportPeriod.TryParse(context.Request.Query["from"].FirstOrDefault(), context.Request.Query["to"].FirstOrDefault(), out var period, out var error))
            {
                var field = error!.StartsWith("--to", StringComparison.Ordinal) ? "to" : "from";
                throw new ProblemException(Problem.InvalidQuery([new ProblemError(field, error[(error.IndexOf(':') + 1)..].Trim())]));
            }

            await PageAsync(context, StatusCodes.Status200OK, DashboardPages.Dashboard(source.Report(period), role)).ConfigureAwait(false);
        }).RequireSessionRole(EngageRole.Viewer);

        routes.MapGet("/dashboard/sign-in", context => PageAsync(context, StatusCodes.Status200OK, DashboardPages.SignIn(null))).AllowAnonymous();

        routes.MapPost("/dashboard/sign-in", async context =>
        {
            var key = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["key"].FirstOrDefault() : null;
            if (string.IsNullOrEmpty(key) || keys.Identify(key) is not { } caller)
            {
                await audit.RecordAsync(context, AuditActions.DashboardSignInRefused, null, "unknown key", who: "(unknown)").ConfigureAwait(false);
                await PageAsync(context, StatusCodes.Status401Unauthorized, DashboardPages.SignIn("That key is not valid here.")).ConfigureAwait(false);
                return;
            }

            if (!caller.Role.Grants(EngageRole.Viewer))
            {
                await audit.RecordAsync(context, AuditActions.DashboardSignInRefused, null, "role=" + caller.Role.Name(), who: caller.Name).ConfigureAwait(false);
                await PageAsync(context, StatusCodes.Status403Forbidden,
                    DashboardPages.SignIn($"That key has the {caller.Role.Name()} role; the dashboard needs viewer or above.")).ConfigureAwait(false);
                return;
            }

            await audit.RecordAsync(context, AuditActions.DashboardSignIn, null, "role=" + caller.Role.Name(), who: caller.Name).ConfigureAwait(false);
            context.Response.Cookies.Append(DashboardSessions.Cookie, sessions.Start(caller), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/dashboard", IsEssential = true,
                MaxAge = DashboardSessions.Lifetime.ToTimeSpan(),
            });
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/dashboard";
        }).AllowAnonymous();

        routes.MapPost("/dashboard/sign-out", context =>
        {
            sessions.End(context.Request.Cookies[DashboardSessions.Cookie]);
            context.Response.Cookies.Delete(DashboardSessions.Cookie, new CookieOptions { Path = "/dashboard", HttpOnly = true, SameSite = SameSiteMode.Strict });
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/dashboard/sign-in";
            return Task.CompletedTask;
        }).AllowAnonymous();

        routes.MapGet("/dashboard/data", async context =>
        {
            var journeys = await host.GetJourneysAsync(context.RequestAborted).ConfigureAwait(false);
            await Responses.JsonAsync(context, StatusCodes.Status200OK, new
            {
                status = await host.GetStatusAsync(context.RequestAborted).ConfigureAwait(false),
                journeys = journeys.Select(j => new { id = j.Id, version = j.Version, entered = j.Entered, goals = j.Goals }),
            }).ConfigureAwait(false);
        }).RequireSessionRole(EngageRole.Viewer);

        routes.MapGet("/dashboard/app.js", context => AssetAsync(context, "text/javascript; charset=utf-8", DashboardPages.Script)).AllowAnonymous();
        routes.MapGet("/dashboard/app.css", context => AssetAsync(context, "text/css; charset=utf-8", HtmlReportWriter.Css + "form.signout{float:right}")).AllowAnonymous();
    }

    private static Task PageAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = DashboardPages.Csp;
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.XFrameOptions = "DENY";
        return context.Response.WriteAsync(html, Encoding.UTF8);
    }

    private static Task AssetAsync(HttpContext context, string type, string text)
    {
        context.Response.ContentType = type;
        return context.Response.WriteAsync(text, Encoding.UTF8);
    }
}
