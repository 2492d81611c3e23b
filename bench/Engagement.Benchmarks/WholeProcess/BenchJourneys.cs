using Engagement.Engine.Catalog;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The journey directories of the whole-process benchmarks, copied next to the benchmark assembly:
/// <c>delayed</c> (wait PT2S, then one transactional email) and <c>immediate</c> (one transactional email at once).</summary>
internal static class BenchJourneys
{
    /// <summary>The directory of the delayed-send journey.</summary>
    public static string Delayed => Directory("delayed");

    /// <summary>The directory of the send-at-once journey.</summary>
    public static string Immediate => Directory("immediate");

    /// <summary>Loads a benchmark journey directory; throws on any diagnostic.</summary>
    public static JourneyCatalog Load(string directory)
    {
        var catalog = JourneyCatalog.Load(directory, out var diagnostics);
        return diagnostics.Count == 0
            ? catalog
            : throw new InvalidOperationException("benchmark journeys do not load: " + string.Join("; ", diagnostics));
    }

    private static string Directory(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "WholeProcess", "journeys", name);
        return System.IO.Directory.Exists(dir) ? dir : throw new DirectoryNotFoundException(dir);
    }
}
