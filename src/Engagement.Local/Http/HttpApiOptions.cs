using Engagement.Local.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Local.Http;

/// <summary>
/// How <see cref="HttpApi"/> listens and whom it lets in. Immutable. The defaults are safe: loopback only, a 1 MiB body
/// limit, and no start at all without an API key unless <see cref="InsecureNoAuth"/> is set on purpose.
/// </summary>
public sealed record HttpApiOptions
{
    /// <summary>The default address: loopback only, so nothing outside the machine can reach the API by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>The largest body limit that may be configured: 256 MiB.</summary>
    public const long LargestMaxBodyBytes = 256 * 1024 * 1024;

    /// <summary>The shortest API key accepted (characters).</summary>
    public const int MinimumApiKeyLength = 16;

    /// <summary>The addresses to listen on (<c>http://host:port</c>; port 0 picks a free port). Binding anything but a
    /// loopback address must be asked for here explicitly.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Plain API keys (engage.json's <c>http.apiKeys</c>, <c>--api-key</c>); each is an admin, named <c>api-key-1</c>,
    /// <c>api-key-2</c>, … in this order. Sent as <c>X-Api-Key</c>, <c>Authorization: Bearer</c> or HTTP Basic. Never logged.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Named keys with a role, stored as hashes (engage.json's <c>http.keys</c>, made by <c>engage api-keys new</c>).</summary>
    public IReadOnlyList<Security.ApiKeyEntry> Keys { get; init; } = [];

    /// <summary>Runs without authentication when no key is configured (<c>engage serve --insecure-no-auth</c>). Off by default.</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>The largest request body accepted, in bytes; larger bodies get 413 while they are being read.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>A TLS-terminating reverse proxy is in front: only then may a non-loopback address be served over plain HTTP.</summary>
    public bool BehindProxy { get; init; }

    /// <summary>How long a stop waits for requests in flight.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the request log goes (method, route, status, duration, counts; never bodies, contact details or keys).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>How CloudEvents and Segment calls map to engine events (engage.json's <c>integrations</c>).</summary>
    public Engine.Integrations.IntegrationsOptions Integrations { get; init; } = new();

    /// <summary>The options from engage.json's <c>http</c> section, with <c>--insecure-no-auth</c> and the log.</summary>
    public static HttpApiOptions From(HttpOptions http, bool insecureNoAuth, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new HttpApiOptions
        {
            Urls = http.Urls,
            ApiKeys = http.ApiKeys,
            Keys = http.Keys,
            MaxBodyBytes = http.MaxBodyBytes,
            BehindProxy = http.BehindProxy,
            InsecureNoAuth = insecureNoAuth,
            LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance,
        };
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> saying what to change when the options cannot be served.</summary>
    public void Validate()
    {
        if (Urls.Count == 0)
        {
            throw new InvalidOperationException("No address to listen on: give at least one URL such as " + DefaultUrl + ".");
        }

        foreach (var url in Urls)
        {
            if (!TryParse(url, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                throw new InvalidOperationException(
                    $"'{url}' is not an address to listen on: expected http://host:port such as {DefaultUrl} (for TLS, put a reverse proxy in front).");
            }
        }

        if (!BehindProxy && !IsLoopbackOnly())
        {
            throw new InvalidOperationException(
                $"'{Urls.First(u => !TryParse(u, out var uri) || !uri.IsLoopback)}' is not a loopback address and the HTTP API speaks plain HTTP: "
                + "put a TLS-terminating reverse proxy in front and pass --behind-proxy (http.behindProxy in engage.json), or listen on 127.0.0.1 (docs/security.md).");
        }

        if (MaxBodyBytes is < 1024 or > LargestMaxBodyBytes)
        {
            throw new InvalidOperationException(
                $"The body limit {MaxBodyBytes} is out of range: expected 1024 to {LargestMaxBodyBytes} bytes (a batch is held in memory).");
        }

        if (ApiKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length < MinimumApiKeyLength || k.Any(char.IsWhiteSpace)))
        {
            throw new InvalidOperationException($"Every API key must be at least {MinimumApiKeyLength} characters without spaces.");
        }

        if (Keys.FirstOrDefault(k => !Security.ApiKeySecrets.IsValidName(k.Name) || !Security.ApiKeySecrets.TryReadHash(k.Hash, out _)) is { } bad)
        {
            throw new InvalidOperationException($"The named API key '{bad.Name}' is not usable: expected a name of a-z, 0-9, '.', '_', '-' and a hash sha256:<64 hex digits> (engage api-keys new).");
        }

        if (Keys.Select(k => k.Name).Concat(ApiKeys.Select((_, i) => $"api-key-{i + 1}")).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two API keys are named '{twice.Key}': every key needs its own name (the audit trail records it).");
        }

        if (ApiKeys.Count == 0 && Keys.Count == 0 && !InsecureNoAuth)
        {
            throw new InvalidOperationException(
                "No API key is configured, so the HTTP API will not start: give one or more keys (engage serve --api-key KEY), "
                + "or pass --insecure-no-auth to run without authentication on purpose.");
        }
    }

    /// <summary>True when every address is a loopback one (127.0.0.0/8, ::1 or localhost).</summary>
    public bool IsLoopbackOnly() => Urls.All(u => TryParse(u, out var uri) && uri.IsLoopback);

    // Kestrel's "every interface" forms http://*:port and http://+:port are not URIs; read them as 0.0.0.0.
    private static bool TryParse(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal), UriKind.Absolute, out uri);
}
