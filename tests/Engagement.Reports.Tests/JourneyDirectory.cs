using Engagement.Engine.Catalog;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;

namespace Engagement.Reports.Tests;

/// <summary>A journey directory in a temporary folder, run through the real simulator.</summary>
internal sealed class JourneyDirectory : IDisposable
{
    public JourneyDirectory(params (string Name, string Text)[] files)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reports-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "templates"));
        foreach (var (name, text) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        }

        Catalog = JourneyCatalog.Load(Path, out var diagnostics);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    public string Path { get; }

    public JourneyCatalog Catalog { get; }

    public IReadOnlyList<TimelineEntry> Simulate(IEnumerable<string> profiles, IEnumerable<string> events) =>
        new Simulator(Catalog).RunAsync(profiles, events, new SimulationOptions(), CancellationToken.None).GetAwaiter().GetResult().Timeline;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
