using System.Diagnostics;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Http;

/// <summary>
/// The middleware around every request: one log line (method, route pattern, status, duration, counts, the key's name; never
/// the path's values, the query, bodies or keys), problem answers for faults and for bare error statuses (unknown route, wrong method),
/// and a 500 problem with a trace id for anything unexpected; the server keeps running. Then the API-key and role check:
/// no key 401, a key whose role is not enough 403 naming the role needed.
/// </summary>
internal sealed class ApiPipeline(ILogger logger, ApiKeys keys, DashboardSessions sessions)
{
    private const int ClientClosedRequest = 499;

    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                await Responses.ProblemAsync(context, BareStatus(context)).ConfigureAwait(false);
            }
        }
        catch (ProblemException ex) when (!context.Response.HasStarted)
        {
            if (ex.Problem.Status == StatusCodes.Status413PayloadTooLarge)
            {
                context.Response.Headers.Connection = "close"; // the rest of the body is not read
            }

            await Responses.ProblemAsync(context, ex.Problem).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's own limits: body too large, too slow (MinRequestBodyDataRate), malformed chunking.
            context.Response.Headers.Connection = "close";
            await Responses.ProblemAsync(context, Problem.ForStatus(ex.StatusCode, ex.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer. 499 (as nginx logs it) keeps the log line honest.
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Method} {Route} failed with {ExceptionType}; trace {TraceId}",
                context.Request.Method, Route(context), ex.GetType().Name, Responses.TraceId(context));
            if (context.Response.HasStarted)
            {
                context.Abort();
            }
            else
            {
                context.Response.Clear();
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                await Responses.ProblemAsync(context, Problem.Internal()).ConfigureAwait(false);
            }
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogInformation("{Method} {Route} {Status} {ElapsedMs:0.0} ms{Counts}{Key} trace {TraceId}",
                context.Request.Method, Route(context), context.Response.StatusCode, elapsed, RequestCounts.Get(context),
                ApiCaller.Of(context) is { } caller ? " key " + caller.Name : string.Empty, Responses.TraceId(context));
        }
    }

    public Task AuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        var required = endpoint?.Metadata.GetMetadata<RequiredRole>();
        var caller = keys.Identify(context.Request)
            ?? (required is { Session: true } ? sessions.Find(context.Request.Cookies[DashboardSessions.Cookie]) : null);
        if (caller is null)
        {
            if (required is { Session: true } && HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/dashboard")
            {
                context.Response.Redirect("/dashboard/sign-in");
                return Task.CompletedTask;
            }

            return Responses.ProblemAsync(context, Problem.Unauthorized());
        }

        caller.AttachTo(context);
        if (required is null && endpoint is RouteEndpoint)
        {
            // HttpApi refuses to start with such a route; fail closed all the same.
            throw new InvalidOperationException($"The route {Route(context)} states no role.");
        }

        return required is null || caller.Role.Grants(required.Role)
            ? next(context)
            : Responses.ProblemAsync(context, Problem.Forbidden(required.Role, caller));
    }

    private static string Route(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    private static Problem BareStatus(HttpContext context)
    {
        var method = context.Request.Method;
        return context.Response.StatusCode switch
        {
            404 => Problem.NotFound($"There is no {method} {context.Request.Path} route (see docs/http-api.md)."),
            405 => Problem.MethodNotAllowed($"{method} is not allowed here: use {context.Response.Headers.Allow}."),
            var status => Problem.ForStatus(status, $"The request failed with status {status}."),
        };
    }
}
