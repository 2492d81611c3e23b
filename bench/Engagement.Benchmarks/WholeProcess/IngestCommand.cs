using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// <c>ingest [--engage engage.dll] [--events 200000] [--batch 500] [--clients 4] [--rate 5000[,1000…]] [--seconds 20 (0: no paced part)] [--encryption encrypted|plaintext|compare] [--keep] [--out FILE.md] [--server bench [--alloc-types FILE]] [--smtp HOST:PORT] [--series FILE] [--warmup 5000]</c>:
/// starts the real <c>engage serve</c> on 127.0.0.1 with a temp database, a random API key and the send-at-once journey,
/// measures sustained ingest (<see cref="SustainedIngest"/>) with the server's CPU time and its own allocation count from
/// <c>GET /metrics</c> (<see cref="ServerAllocation"/>), then latency at a paced rate (<see cref="PacedLatency"/>), stops the
/// server by its process handle and prints a markdown report. With the in-process stand-in (<c>--server bench</c>),
/// <c>--alloc-types FILE</c> writes the types the server allocated most, sampled (<see cref="AllocationByType"/>). With
/// <c>--smtp HOST:PORT</c> the server's email channel is the SMTP transport to that server (plain text, e.g. maildev; an
/// <c>engage.json</c> in the working directory) instead of the outbox, and "end to end" lasts until every message was handed
/// to it (no outbox row pending). <c>--series FILE</c> appends the paced latency second by second. <c>--warmup N</c>: the
/// events sent (and processed) before the measured part, on a freshly started server (default 5,000).
/// </summary>
internal static class IngestCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Runs the ingest benchmark; 0 when both parts completed. <c>--encryption encrypted</c> (default: a key file, as in
    /// production), <c>plaintext</c> (<c>--insecure-plaintext</c>), or <c>compare</c>: both, one after the other in the same run,
    /// with a side-by-side table of the figures and their ratio.
    /// </summary>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var mode = args.Get("encryption", "encrypted");
        if (mode != "compare")
        {
            var (code, _) = await RunOnceAsync(args, encrypted: mode != "plaintext");
            return code;
        }

        var (plainCode, plain) = await RunOnceAsync(args, encrypted: false);
        var (encryptedCode, encrypted) = await RunOnceAsync(args, encrypted: true);
        if (plain is null || encrypted is null || !plain.AllProcessed || !encrypted.AllProcessed)
        {
            return Math.Max(1, Math.Max(plainCode, encryptedCode));
        }

        var md = new StringBuilder();
        md.AppendLine(Inv, $"Encryption cost, side by side in one run ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores, {MachineNotes.LoadAverage()}):");
        md.AppendLine();
        md.AppendLine("| measure | plain text (`--insecure-plaintext`) | encrypted (`--key-file`) | encrypted / plain |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine(Inv, $"| sustained durable accept | {plain.Events / plain.AcceptSeconds:N0} events/s | {encrypted.Events / encrypted.AcceptSeconds:N0} events/s | {(encrypted.Events / encrypted.AcceptSeconds) / (plain.Events / plain.AcceptSeconds):0.00}× |");
        md.AppendLine(Inv, $"| end to end (event → message in the outbox) | {plain.Events / plain.ProcessedSeconds:N0} events/s | {encrypted.Events / encrypted.ProcessedSeconds:N0} events/s | {(encrypted.Events / encrypted.ProcessedSeconds) / (plain.Events / plain.ProcessedSeconds):0.00}× |");
        Console.WriteLine(md.ToString());
        if (args.Find("out") is { } file)
        {
            await File.AppendAllTextAsync(file, md.ToString());
        }

        return Math.Max(plainCode, encryptedCode);
    }

    private static async Task<(int Code, SustainedIngest.Result? Sustained)> RunOnceAsync(BenchArgs args, bool encrypted)
    {
        var bench = args.Get("server", "engage") == "bench";
        var engage = bench ? typeof(IngestCommand).Assembly.Location
            : args.Find("engage") ?? Path.Combine(RepoRoot(), "src", "Engagement.Cli", "bin", "Release", "net10.0", "engage.dll");
        if (!File.Exists(engage))
        {
            Console.Error.WriteLine($"ingest: {engage} not found; build it first: dotnet build src/Engagement.Cli -c Release");
            return (2, null);
        }

        var (events, batch, clients) = (args.Int("events", 200_000), args.Int("batch", 500), args.Int("clients", 4));
        var rates = args.Get("rate", "5000").Split(',').Select(r => int.Parse(r, Inv)).ToList();
        var seconds = args.Int("seconds", 20);
        var work = Directory.CreateTempSubdirectory("engage-ingest-");
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var db = Path.Combine(work.FullName, "engage.db");
        var log = Path.Combine(work.FullName, "serve.log");
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = cts.Token;
        var address = ServeProcess.FreeAddress();
        var url = address.ToString().TrimEnd('/');
        // The same options for engage serve and the stand-in; the temp dir (the working directory) has no engage.json.
        string[] serveArgs = [bench ? BenchServe.Verb : "serve", "--journeys", BenchJourneys.Immediate, "--db", db, "--api-key", key, "--urls", url];
        if (bench && args.Find("alloc-types") is { } allocTypes)
        {
            serveArgs = [.. serveArgs, "--alloc-types", Path.GetFullPath(allocTypes)];
        }

        if (!bench)
        {
            var keyFile = Path.Combine(work.FullName, "keys.json");
            if (encrypted)
            {
                KeyFile.CreateNew(keyFile);
            }

            serveArgs = [.. serveArgs, .. encrypted ? new[] { "--key-file", keyFile } : ["--insecure-plaintext"]];
        }
        var smtp = args.Find("smtp");
        if (smtp is not null)
        {
            var colon = smtp.LastIndexOf(':');
            var config = $"{{ \"channels\": {{ \"email\": {{ \"transport\": \"smtp\", \"smtp\": {{ \"host\": \"{smtp[..colon]}\", \"port\": {int.Parse(smtp[(colon + 1)..], Inv)}, \"tls\": \"none\", \"fromAddress\": \"bench@shop.example\" }} }} }} }}";
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "engage.json"), config, ct);
        }

        await using var server = ServeProcess.Start(engage, serveArgs, address, work.FullName, log);
        using var client = new EngageClient(server.Address, key, clients + 40);
        var up = false;
        for (var i = 0; i < 600 && !up && !server.HasExited; i++)
        {
            up = await client.HealthyAsync(ct);
            if (!up)
            {
                await Task.Delay(100, ct);
            }
        }

        if (!up)
        {
            Console.Error.WriteLine($"ingest: engage serve did not become healthy; its log: {log}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log, ct) : "")}");
            return (2, null);
        }

        Console.Error.WriteLine($"ingest: {(bench ? "bench serve-http" : "engage serve")} ({(encrypted ? "encrypted" : "plain text")}) pid {server.Id} on {server.Address} (db {db}); warm-up …");
        var warm = await SustainedIngest.RunAsync(client, "w", args.Int("warmup", 5_000), batch, clients, 0, ct, untilHandedOver: smtp is not null);
        Console.Error.WriteLine($"ingest: sustained, {events:N0} events …");
        var cpu0 = server.CpuTime();
        var metrics0 = await client.MetricsAsync(ct);
        var sustained = await SustainedIngest.RunAsync(client, "s", events, batch, clients, warm.Events, ct, untilHandedOver: smtp is not null);
        var sustainedCpu = server.CpuTime() - cpu0;
        var allocation = ServerAllocation.Between(metrics0, await client.MetricsAsync(ct));
        var paced = new List<PacedLatency.Result>();
        foreach (var rate in seconds > 0 ? rates : [])
        {
            var after = await LastSequenceAsync(client, ct);
            Console.Error.WriteLine($"ingest: paced, {rate:N0} events/s for {seconds} s (outbox after {after:N0}) …");
            paced.Add(await PacedLatency.RunAsync(client, "p" + rate.ToString(Inv), rate, seconds, after, ct, args.Find("series")));
        }

        var peak = server.PeakResidentBytes();
        var dbBytes = Directory.GetFiles(work.FullName, "engage.db*").Sum(f => new FileInfo(f).Length);
        await server.DisposeAsync();
        if (args.Find("keep") is null)
        {
            work.Delete(recursive: true);
        }
        else
        {
            Console.Error.WriteLine($"ingest: kept {work.FullName}");
        }

        var report = (encrypted ? "Database encrypted (--key-file).\n\n" : "Database in plain text (--insecure-plaintext).\n\n") + (smtp is null ? "" : $"Email handed to SMTP at {smtp}: \"all processed\" lasts until no outbox row is pending.\n\n") + (bench ? "Server: the benchmark's serve-http stand-in (EmbeddedHost + HttpApi in one process), not engage serve.\n\n" : "") + Report(sustained, sustainedCpu, allocation, paced, peak, dbBytes);
        Console.WriteLine(report);
        if (args.Find("out") is { } file)
        {
            await File.AppendAllTextAsync(file, report, ct);
        }

        return (sustained.AllProcessed && paced.All(p => p.Seen == p.Events) ? 0 : 1, sustained);
    }

    private static async Task<long> LastSequenceAsync(EngageClient client, CancellationToken ct)
    {
        long after = 0;
        while (await client.OutboxAsync(after, ct) is { Count: > 0 } page)
        {
            after = page[^1].Sequence;
        }

        return after;
    }

    private static string Report(SustainedIngest.Result s, TimeSpan cpu, ServerAllocation allocation, IReadOnlyList<PacedLatency.Result> paced, long? peak, long dbBytes)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores, {MachineNotes.LoadAverage()}");
        md.AppendLine();
        md.AppendLine("| measure | figure | target |");
        md.AppendLine("|---|---:|---|");
        md.AppendLine(Inv, $"| sustained accept ({s.Events:N0} events, {s.Batch} a request, {s.Clients} clients): 202 = durably committed | {s.Events / s.AcceptSeconds:N0} events/s ({s.AcceptSeconds:0.00} s) | ≥ 25,000 events/s (issue 15): {(s.Events / s.AcceptSeconds >= 25_000 ? "met" : "missed")} |");
        md.AppendLine(Inv, $"| request time p50 / p99 | {s.P50RequestMs:0.0} / {s.P99RequestMs:0.0} ms | |");
        md.AppendLine(Inv, $"| all processed (message in the outbox) | {(s.AllProcessed ? $"{s.ProcessedSeconds:0.00} s = {s.Events / s.ProcessedSeconds:N0} events/s end to end" : "not within 10 min")} | |");
        md.AppendLine(Inv, $"| server CPU during the sustained part | {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds * 1000 / s.Events:N0} µs an event | |");
        md.AppendLine(Inv, $"| server allocation during the sustained part (GET /metrics: dotnet_gc_allocated_bytes_total over engage_stimuli_total) | {allocation.Bytes / (double)(1 << 20):N0} MB for {allocation.Stimuli:N0} stimuli = {allocation.PerStimulus:N0} B a stimulus ({allocation.Bytes / (double)s.Events:N0} B an accepted event); collections gen0/gen1/gen2 {allocation.Collections} | ≤ 10 KB a stimulus: {(allocation.PerStimulus <= 10 * 1024 ? "met" : "missed")} |");
        foreach (var p in paced)
        {
            md.AppendLine(Inv, $"| paced {p.TargetRate:N0} events/s ({p.Events:N0} events; achieved {p.AchievedRate:N0}/s): accepted → in the outbox p50 / p95 / p99 / max | {p.P50Ms:0.0} / {p.P95Ms:0.0} / {p.P99Ms:0.0} / {p.MaxMs:0.0} ms ({p.Seen:N0} seen) | p99 < 50 ms{(p.TargetRate == 5000 ? $": {(p.P99Ms < 50 ? "met" : "missed")}" : " (at 5,000/s)")} |");
        }

        md.AppendLine(Inv, $"| server peak RSS / database size at the end | {(peak is { } b ? $"{b / (double)(1 << 20):N0} MB" : "-")} / {dbBytes / (double)(1 << 20):N0} MB | |");
        return md.ToString();
    }

    /// <summary>The repository's root (the folder with Engagement.sln above this assembly), else the current directory.</summary>
    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
