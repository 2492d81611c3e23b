using System.Globalization;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Engagement.Local.Tests.Hosting;
using NodaTime;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Http;

/// <summary><c>GET /metrics</c> over the real <c>EmbeddedHost</c> on a SQLite file and Kestrel on loopback, read the way a
/// Prometheus scraper reads it.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task GetMetrics_AfterAnEventAndItsWakeUp_CountsEachStimulusByKind()
    {
        var clock = Clock();
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), clock);
        await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = RoleKeys.Entries }, CancellationToken.None);
        using var viewer = RoleKeys.Client(api.Address, EngageRole.Viewer);
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z"), TestJourneys.Registered("e2", "c2", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await IdleAsync(host);
        clock.Advance(Duration.FromDays(1));
        await IdleAsync(host);

        using var response = await viewer.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var samples = Parse(text);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(2, samples["engage_stimuli_total{kind=\"event\"}"]);
        Assert.Equal(2, samples["engage_stimuli_total{kind=\"wake-up\"}"]);
        Assert.Equal((0, 0, 0), (samples["engage_stimuli_total{kind=\"deferred-send\"}"], samples["engage_stimuli_total{kind=\"profile-import\"}"], samples["engage_stimuli_set_aside_total"]));
        Assert.Equal((2, 0, 0), (samples["engage_events_processed_total"], samples["engage_events_pending"], samples["engage_enrollments_active"]));
        Assert.True(samples["dotnet_gc_allocated_bytes_total"] > 0, text);
        Assert.True(samples["process_cpu_seconds_total"] > 0, text);
        Assert.True(samples["process_resident_memory_bytes"] > 0, text);
        Assert.Equal(GC.MaxGeneration + 1, samples.Keys.Count(k => k.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal)));
        Assert.DoesNotContain("c1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_TwoScrapes_AllocatedBytesAndCpuOnlyGrow()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = RoleKeys.Entries }, CancellationToken.None);
        using var viewer = RoleKeys.Client(api.Address, EngageRole.Viewer);

        var first = Parse(await viewer.GetStringAsync("/metrics"));
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await IdleAsync(host);
        var second = Parse(await viewer.GetStringAsync("/metrics"));

        Assert.True(second["dotnet_gc_allocated_bytes_total"] > first["dotnet_gc_allocated_bytes_total"]);
        Assert.True(second["process_cpu_seconds_total"] >= first["process_cpu_seconds_total"]);
        Assert.Equal((0, 1), (first["engage_stimuli_total{kind=\"event\"}"], second["engage_stimuli_total{kind=\"event\"}"]));
    }

    [Fact]
    public async Task GetMetrics_UnknownQueryParameter_Answers400Problem()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = RoleKeys.Entries }, CancellationToken.None);
        using var viewer = RoleKeys.Client(api.Address, EngageRole.Viewer);

        var problem = await Answers.ProblemAsync(await viewer.GetAsync("/metrics?format=json"), 400);

        Assert.Equal("format", (string?)problem["field"]);
    }

    /// <summary>The samples by series (name and labels as written), checking the exposition's grammar on the way: every
    /// sample's family was announced by a HELP and a TYPE line, and every value is a number.</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var (help, type) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                help.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], new[] { "counter", "gauge" });
                type.Add(parts[2]);
                continue;
            }

            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var name = series.Split('{')[0];
            Assert.True(help.Contains(name) && type.Contains(name), "no HELP and TYPE before: " + line);
            Assert.True(double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value), "not a number: " + line);
            samples.Add(series, value);
        }

        return samples;
    }
}
