using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Engagement.Local.Configuration;
using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.Cli.Commands;

/// <summary>
/// The settings of one <c>engage serve</c> run: <c>engage.json</c> (with its <c>ENGAGE_</c> environment overrides) first,
/// then the command line, which wins. Says what is wrong and exits 2 on a bad setting.
/// </summary>
internal sealed class ServeSetup
{
    public Option<string?> Config { get; } = new("--config") { Description = "engage.json with the channels, HTTP and database settings (default: ./engage.json when it exists)" };
    public Option<string?> Database { get; } = new("--db") { Description = "The SQLite database file, created when missing (default: engage.json's database, else engage.db)" };
    public Option<string?> Journeys { get; } = new("--journeys") { Description = "Journey directory (default: engage.json's journeys, else journeys)" };
    public Option<string[]> Urls { get; } = new("--urls") { Description = "Where the HTTP API listens (default: engage.json's http.urls, else http://127.0.0.1:5080)", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> ApiKeys { get; } = new("--api-key") { Description = "A plain API key the HTTP API accepts as an admin (X-Api-Key, Bearer or Basic); repeatable; adds to engage.json's http.apiKeys. Prefer named keys with a role (engage api-keys new)" };
    public Option<bool> InsecureNoAuth { get; } = new("--insecure-no-auth") { Description = "Serve the HTTP API without API keys (loopback experiments only)" };
    public Option<bool> NoHttp { get; } = new("--no-http") { Description = "Do not start the HTTP API (feed files only)" };
    public Option<string?> UnsubscribeUrl { get; } = new("--unsubscribe-url") { Description = "Public unsubscribe endpoint for the links in marketing messages (default: the HTTP API's /unsubscribe at engage.json's publicBaseUrl; none without the HTTP API)" };

    public Option<string?> KeyFile { get; } = new("--key-file") { Description = "The key file (engage keys new) that encrypts contact details and names in the database (default: engage.json's keyFile, else ENGAGE_KEY_FILE)" };
    public Option<bool> InsecurePlaintext { get; } = new("--insecure-plaintext") { Description = "Store contact details and names unencrypted (experiments only; without a key file serve refuses to start otherwise)" };
    public Option<bool> BehindProxy { get; } = new("--behind-proxy") { Description = "serve sits behind a TLS-terminating reverse proxy: allows a non-loopback listen address over plain HTTP (also http.behindProxy)" };

    /// <summary>Every option above, to add to the serve command.</summary>
    public IEnumerable<Option> All => [Config, Database, Journeys, Urls, ApiKeys, InsecureNoAuth, NoHttp, UnsubscribeUrl, KeyFile, InsecurePlaintext, BehindProxy];

    /// <summary>
    /// The key file from <c>--key-file</c>, <c>ENGAGE_KEY_FILE</c> or engage.json's <c>keyFile</c> (in that order). Null with
    /// <paramref name="ok"/> true: none given and <c>--insecure-plaintext</c> set. Prints one line and sets <paramref name="ok"/> false otherwise.
    /// </summary>
    public KeyFile? Keys(ParseResult parse, EngageOptions options, out bool ok)
    {
        ok = true;
        var path = KeyFilePath(parse.GetValue(KeyFile), options);
        if (path is null)
        {
            if (parse.GetValue(InsecurePlaintext))
            {
                return null;
            }

            ok = false;
            Console.Error.WriteLine("engage serve: no key file: give --key-file FILE (create it with engage keys new --out FILE), keyFile in engage.json or ENGAGE_KEY_FILE; or --insecure-plaintext to keep contact details unencrypted");
            return null;
        }

        if (parse.GetValue(InsecurePlaintext))
        {
            ok = false;
            Console.Error.WriteLine("engage serve: --insecure-plaintext and a key file exclude each other");
            return null;
        }

        try
        {
            return Engagement.Protection.KeyFile.Load(path);
        }
        catch (KeyFileException ex)
        {
            ok = false;
            Console.Error.WriteLine("engage serve: " + ex.Message);
            return null;
        }
    }

    /// <summary>The key file path a command was given: the option, else <c>ENGAGE_KEY_FILE</c>, else engage.json's <c>keyFile</c>.</summary>
    public static string? KeyFilePath(string? option, EngageOptions? options) =>
        option ?? (Environment.GetEnvironmentVariable("ENGAGE_KEY_FILE") is { Length: > 0 } variable ? variable : options?.KeyFile);

    /// <summary>The configuration file's options, or null after printing its errors.</summary>
    public EngageOptions? LoadOptions(ParseResult parse)
    {
        var path = parse.GetValue(Config);
        if (path is not null && !File.Exists(path))
        {
            throw new UsageException($"--config: {Path.GetFullPath(path)}: file not found");
        }

        try
        {
            return EngageConfigLoader.Load(path);
        }
        catch (EngageConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }

    /// <summary>The HTTP API's options, or null when it is not to run (<c>--no-http</c>, or a run that ends when idle).</summary>
    public HttpApiOptions? HttpOptions(ParseResult parse, EngageOptions options, bool untilIdle, ILoggerFactory loggers)
    {
        if (parse.GetValue(NoHttp) || untilIdle)
        {
            return null;
        }

        var http = HttpApiOptions.From(options.Http, parse.GetValue(InsecureNoAuth), loggers) with { BehindProxy = options.Http.BehindProxy || parse.GetValue(BehindProxy) };
        var urls = parse.GetValue(Urls) ?? [];
        var keys = parse.GetValue(ApiKeys) ?? [];
        return http with
        {
            Urls = urls.Length > 0 ? urls : http.Urls,
            ApiKeys = [.. http.ApiKeys, .. keys],
            Integrations = options.Integrations,
        };
    }

    /// <summary>The embedded host's options from the file and the command line.</summary>
    public EmbeddedHostOptions HostOptions(ParseResult parse, EngageOptions options, ClockMode clock, bool httpRuns, KeyFile? keys) => new()
    {
        Keys = keys,
        DatabasePath = parse.GetValue(Database) ?? options.Database,
        AuditRetention = TimeSpan.FromDays(options.AuditRetentionDays),
        Clock = clock,
        UnsubscribeBaseUrl = parse.GetValue(UnsubscribeUrl) ?? (httpRuns ? options.EffectivePublicBaseUrl.ToString().TrimEnd('/') + "/unsubscribe" : null),
        // The configured secret, stretched to the 32-byte key the tokens need; none: a random key kept in the database.
        UnsubscribeKey = options.UnsubscribeSigningKey is { } secret ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : null,
    };

    /// <summary>The journey directory from the command line or the file.</summary>
    public string JourneysPath(ParseResult parse, EngageOptions options) => parse.GetValue(Journeys) ?? options.Journeys;
}
