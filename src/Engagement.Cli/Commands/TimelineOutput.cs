using System.IO.Compression;
using System.Text;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Reports.Facts;

namespace Engagement.Cli.Commands;

/// <summary>
/// Writes a simulation's timeline as it is produced: JSON Lines (<c>jsonl</c>), the same lines gzip-compressed (<c>gzip</c>,
/// the default when the file name ends in <c>.gz</c>), or nothing. Holds no entries; a run that recorded an entry before one
/// already written (<see cref="SimulationResult.TimelineInOrder"/>) is put in order by <see cref="SortAsync"/>, which reads the file back.
/// </summary>
internal sealed class TimelineOutput : ITimelineSink, IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly StreamWriter _writer;
    private readonly TimelineLineWriter _lines = new();

    private TimelineOutput(string path, bool gzip)
    {
        Path = path;
        Gzip = gzip;
        _writer = Open(path, gzip);
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Whether it is gzip-compressed.</summary>
    public bool Gzip { get; }

    /// <summary>The formats <c>--timeline</c> accepts.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["jsonl", "gzip", "none"];

    /// <summary>Opens <paramref name="path"/> for <paramref name="format"/> (null: by the file name); null for <c>none</c>.</summary>
    public static TimelineOutput? Create(string path, string? format)
    {
        var gzip = (format ?? (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? "gzip" : "jsonl")) switch
        {
            "jsonl" => false,
            "gzip" => true,
            "none" => (bool?)null,
            var other => throw new UsageException($"--timeline: '{other}' is not a format: expected {string.Join(", ", Formats)}"),
        };
        if (gzip is null)
        {
            return null;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new TimelineOutput(path, gzip.Value);
    }

    /// <summary>Writes the entry's line; synchronously, into the writer's buffer (a full buffer goes to the file on this thread,
    /// so the simulation never waits for a thread-pool write to come back).</summary>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        _writer.Write(_lines.Format(entry));
        _writer.Write('\n');
        return ValueTask.CompletedTask;
    }

    /// <summary>The entries written, read back lazily.</summary>
    public IEnumerable<TimelineEntry> ReadBack()
    {
        using var reader = new StreamReader(OpenRead(), Utf8);
        while (reader.ReadLine() is { } line)
        {
            yield return TimelineFile.Parse(line);
        }
    }

    /// <summary>Puts the written file in time order (ties in written order); only needed when the run said it is not.</summary>
    public async Task SortAsync()
    {
        var lines = new List<(NodaTime.Instant At, int Index, string Line)>();
        using (var reader = new StreamReader(OpenRead(), Utf8))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add((TimelineFile.Parse(line).At, lines.Count, line));
            }
        }

        await using var writer = Open(Path, Gzip);
        foreach (var (_, _, line) in lines.OrderBy(l => l.At).ThenBy(l => l.Index))
        {
            await writer.WriteAsync(line);
            await writer.WriteAsync('\n');
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private Stream OpenRead()
    {
        Stream file = File.OpenRead(Path);
        return Gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static StreamWriter Open(string path, bool gzip)
    {
        Stream file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        return new StreamWriter(gzip ? new GZipStream(file, CompressionLevel.Fastest) : file, Utf8, 1 << 16);
    }
}
