using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// <c>serve-http --journeys DIR --db FILE --api-key KEY --urls URL</c>: the embedded host with the HTTP API in this process,
/// until SIGTERM / Ctrl+C. A stand-in for <c>engage serve</c> while the CLI does not start the HTTP API yet
/// (<c>ingest --server bench</c>); the same <see cref="EmbeddedHost"/> and <see cref="HttpApi"/> types.
/// </summary>
internal static class BenchServe
{
    /// <summary>The verb.</summary>
    public const string Verb = "serve-http";

    /// <summary>Serves until stopped.</summary>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        using var stop = new CancellationTokenSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // --alloc-types FILE: sample what this process allocates by type (AllocationByType) and write the largest at exit.
        using var sampler = args.Find("alloc-types") is null ? null : new AllocationByType();
        var catalog = BenchJourneys.Load(args.Get("journeys", BenchJourneys.Immediate));
        // Logged as engage serve logs (one line per request and per ingest at Information, to the console).
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter((_, level) => level >= LogLevel.Information));
        await using var host = EmbeddedHost.Open(new EmbeddedHostOptions { DatabasePath = args.Get("db", "engage.db") }, catalog, SystemClock.Instance, loggers: loggers);
        await host.StartAsync(stop.Token);
        var options = new HttpApiOptions { Urls = [args.Get("urls", HttpApiOptions.DefaultUrl)], ApiKeys = [args.Get("api-key", "")], LoggerFactory = loggers };
        await HttpApi.RunAsync(host, options, stop.Token);
        await host.StopAsync(CancellationToken.None);
        if (sampler is not null && args.Find("alloc-types") is { } file)
        {
            var total = Math.Max(1, sampler.Total);
            await File.WriteAllLinesAsync(file, sampler.Largest(40).Select(t => $"{t.Bytes * 100.0 / total,6:0.0}% {t.Bytes / (double)(1 << 20),9:N0} MB  {t.Type}"), CancellationToken.None);
        }

        return 0;
    }
}
