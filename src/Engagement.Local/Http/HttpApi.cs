using Engagement.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Http;

/// <summary>
/// The HTTP API of <c>engage serve</c> over an <see cref="IEmbeddedHost"/>: ASP.NET Core on Kestrel, routes described in
/// docs/http-api.md. Start it with <see cref="StartAsync"/> (then read <see cref="Addresses"/>, e.g. for port 0) or run it
/// until a token is cancelled with <see cref="RunAsync"/>. Ctrl+C is left to the caller.
/// </summary>
public sealed class HttpApi : IAsyncDisposable
{
    /// <summary>The log category of the request log.</summary>
    public const string LogCategory = "Engagement.Local.Http";

    private readonly WebApplication _app;
    private readonly TimeSpan _shutdownTimeout;
    private int _stopped;

    private HttpApi(WebApplication app, IReadOnlyList<Uri> addresses, TimeSpan shutdownTimeout)
    {
        _app = app;
        Addresses = addresses;
        _shutdownTimeout = shutdownTimeout;
    }

    /// <summary>The addresses actually bound (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The first bound address, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri Address => Addresses[0];

    /// <summary>Starts listening; throws <see cref="InvalidOperationException"/> for unusable options (no API key without
    /// <see cref="HttpApiOptions.InsecureNoAuth"/>, a bad URL) and <see cref="IOException"/> when an address is taken.</summary>
    public static async Task<HttpApi> StartAsync(IEmbeddedHost host, HttpApiOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = options.LoggerFactory.CreateLogger(LogCategory);
        var app = Build(host, options, logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var addresses = bound.Select(a => new Uri(a.Replace("://[::]:", "://[::1]:", StringComparison.Ordinal))).ToList();
        logger.LogInformation("HTTP API listening on {Addresses}", string.Join(", ", addresses));
        if (!options.IsLoopbackOnly())
        {
            logger.LogWarning("HTTP API is reachable from other machines ({Urls}); put TLS in front of it", string.Join(", ", options.Urls));
        }

        if (options.ApiKeys.Count == 0 && options.Keys.Count == 0)
        {
            logger.LogWarning("HTTP API runs WITHOUT authentication (--insecure-no-auth): anyone who can reach it can read and erase customers");
        }

        return new HttpApi(app, addresses, options.ShutdownTimeout);
    }

    /// <summary>Serves until <paramref name="stop"/> is cancelled, then stops gracefully (requests in flight get
    /// <see cref="HttpApiOptions.ShutdownTimeout"/>). This is what <c>engage serve</c> calls.</summary>
    public static async Task RunAsync(IEmbeddedHost host, HttpApiOptions options, CancellationToken stop)
    {
        var api = await StartAsync(host, options, stop).ConfigureAwait(false);
        await using var apiScope = api.ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await api.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops listening; waits for requests in flight up to the shutdown timeout. Safe to call twice.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_shutdownTimeout);
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Stops (if still running) and releases the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Every route the API serves (from the application's endpoint data source), with its metadata.</summary>
    internal IReadOnlyList<RouteEndpoint> Routes =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>Refuses a route that states neither a role nor anonymous access: a new route must say who may use it.</summary>
    internal static void RequireRoles(IEndpointRouteBuilder routes)
    {
        foreach (var endpoint in routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<RequiredRole>() is null && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            {
                throw new InvalidOperationException($"The route {endpoint.RoutePattern.RawText} states no role: add .RequireRole(...) or .AllowAnonymous().");
            }
        }
    }

    private static WebApplication Build(IEmbeddedHost host, HttpApiOptions options, ILogger logger)
    {
        // The empty builder reads no appsettings, environment variables or command line: only these options count.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "engage", EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrelCore().UseUrls([.. options.Urls]).ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            // MinRequestBodyDataRate (240 bytes/s after 5 s), RequestHeadersTimeout (30 s) and KeepAliveTimeout (130 s)
            // keep their Kestrel defaults: a slow body is cut off with 408.
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning); // framework request logs carry paths and query strings
        // "Hosting failed to start" repeats the exception StartAsync throws (an address in use), which the caller reports in one line.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Logging.AddProvider(new ForwardingLoggerProvider(options.LoggerFactory));

        var app = builder.Build();
        var keys = new ApiKeys(options.ApiKeys, options.Keys);
        var sessions = new DashboardSessions(NodaTime.SystemClock.Instance);
        var pipeline = new ApiPipeline(logger, keys, sessions);
        var audit = new AuditRecorder(host as Security.IAuditTrail);
        app.Use(pipeline.HandleAsync);
        app.UseRouting();
        app.Use(pipeline.AuthenticateAsync);
        EventsEndpoint.Map(app, host, options.MaxBodyBytes, options.Integrations.CloudEvents, audit);
        WebhookValidationEndpoint.Map(app);
        SegmentEndpoint.Map(app, host, options.MaxBodyBytes, options.Integrations.Segment, audit);
        CustomersEndpoint.Map(app, host, audit);
        ReportsEndpoint.Map(app, host, audit);
        HealthEndpoint.Map(app, host, logger);
        MetricsEndpoint.Map(app, host);
        UnsubscribeEndpoint.Map(app, host);
        if (host is IContactLookup lookup)
        {
            ContactLookupEndpoint.Map(app, lookup, audit);
        }

        if (host is IKeyRotation rotation)
        {
            KeysEndpoint.Map(app, rotation, audit);
        }

        if (host is IReportSource source)
        {
            DashboardEndpoint.Map(app, host, source, keys, sessions, audit);
        }

        RequireRoles(app);
        return app;
    }
}
