using Engagement.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Http;

/// <summary><c>GET /healthz</c> (and <c>HEAD</c>, for load balancers), no key needed: 200 <c>{"status":"ok"}</c> when the host answers a status query within
/// <see cref="Timeout"/>, otherwise a 503 problem. Shows no counts (those need a key, at <c>/status</c>).</summary>
internal static class HealthEndpoint
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host, ILogger logger) =>
        routes.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(Timeout);
            try
            {
                await host.GetStatusAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
            {
                logger.LogWarning("Health check failed: the host did not answer a status query ({ExceptionType})", ex.GetType().Name);
                throw new ProblemException(Problem.Unavailable("The host did not answer a status query."));
            }

            await Responses.JsonAsync(context, StatusCodes.Status200OK, new { status = "ok" }).ConfigureAwait(false);
        }).AllowAnonymous();
}
