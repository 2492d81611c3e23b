using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
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
/// Lines are formatted, compressed and written on a thread of their own ("timeline writer"), handed over in batches of
/// <see cref="BatchSize"/> entries in recording order, so the simulation's thread does not wait for them; a failed write
/// (a full disk) is thrown on the simulation's thread at the next hand-over or at <see cref="DisposeAsync"/>.
/// Entries are immutable, so handing them over is safe. Lines already formatted (<see cref="WriteFormatted"/>, a partitioned
/// run's merge) are copied into blocks of <see cref="BlockSize"/> bytes and handed over the same way. One producer only.
/// </summary>
internal sealed class TimelineOutput : IFormattedTimelineSink, IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly StreamWriter _writer;
    private readonly TimelineLineWriter _lines = new();
    private readonly BlockingCollection<(TimelineEntry[]? Entries, byte[]? Bytes, int Count)> _batches = new(boundedCapacity: 8);
    /// <summary>Blocks of <see cref="BlockSize"/> bytes the writing thread has written, for the producer to fill again: a block is
    /// large enough for the large-object heap, where allocating one for each hand-over made the collector run full
    /// collections during a merge.</summary>
    private readonly ConcurrentQueue<byte[]> _freeBlocks = new();
    private readonly Thread _thread;
    private TimelineEntry[] _batch = new TimelineEntry[BatchSize];
    private int _count;
    private byte[] _block = new byte[BlockSize];
    private int _blockLength;
    private ExceptionDispatchInfo? _failure;
    private bool _closed;

    private TimelineOutput(string path, bool gzip)
    {
        Path = path;
        Gzip = gzip;
        _writer = Open(path, gzip);
        _thread = new Thread(WriteBatches) { IsBackground = true, Name = "timeline writer" };
        _thread.Start();
    }

    /// <summary>Entries handed to the writing thread at a time.</summary>
    public const int BatchSize = 1024;

    /// <summary>Bytes of formatted lines handed to the writing thread at a time.</summary>
    public const int BlockSize = 256 * 1024;

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

    /// <summary>Queues the entry's line; a full batch goes to the writing thread (waiting only when eight batches are still unwritten).</summary>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        // Formatted lines before this entry go first.
        HandOverBlock();
        _batch[_count++] = entry;
        if (_count == BatchSize)
        {
            HandOver();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Copies a formatted line and its newline into the current block; a full block goes to the writing thread.</summary>
    public void WriteFormatted(ReadOnlySpan<byte> line)
    {
        if (_count > 0)
        {
            HandOver();
        }

        if (_blockLength + line.Length + 1 > _block.Length)
        {
            HandOverBlock();
            if (line.Length + 1 > _block.Length)
            {
                _block = new byte[line.Length + 1];
            }
        }

        line.CopyTo(_block.AsSpan(_blockLength));
        _blockLength += line.Length;
        _block[_blockLength++] = (byte)'\n';
    }

    private void HandOver()
    {
        Add((_batch, null, _count));
        _batch = new TimelineEntry[BatchSize];
        _count = 0;
    }

    /// <summary>Hands over the formatted lines copied so far, if any.</summary>
    private void HandOverBlock()
    {
        if (_blockLength == 0)
        {
            return;
        }

        Add((null, _block, _blockLength));
        _block = _freeBlocks.TryDequeue(out var free) ? free : new byte[BlockSize];
        _blockLength = 0;
    }

    private void Add((TimelineEntry[]? Entries, byte[]? Bytes, int Count) item)
    {
        try
        {
            _batches.Add(item);
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            _failure.Throw();
        }
    }

    /// <summary>The writing thread: formats each entry of each batch in order, then flushes and closes the file.</summary>
    private void WriteBatches()
    {
        try
        {
            foreach (var (entries, bytes, count) in _batches.GetConsumingEnumerable())
            {
                if (bytes is not null)
                {
                    _writer.Flush();
                    _writer.BaseStream.Write(bytes, 0, count);
                    if (bytes.Length == BlockSize)
                    {
                        _freeBlocks.Enqueue(bytes);
                    }

                    continue;
                }

                for (var i = 0; i < count; i++)
                {
                    _writer.Write(_lines.Format(entries![i]));
                    _writer.Write('\n');
                }
            }

            _writer.Dispose();
        }
        catch (Exception e)
        {
            // Thrown again on the simulation's thread, where the command reports it (a background thread's exception would end
            // the process with a stack trace instead).
            _failure = ExceptionDispatchInfo.Capture(e);
            _batches.CompleteAdding();
            ReleaseFile();
        }
    }

    /// <summary>Closes the file after a failed write; closing may fail the same way, and the first failure is the one reported.</summary>
    private void ReleaseFile()
    {
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
        }
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

    /// <summary>Hands over the last entries, waits until the writing thread has written and closed the file, and throws its
    /// failure if it had one. Calling it again does nothing.</summary>
    public ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return ValueTask.CompletedTask;
        }

        _closed = true;
        if (_count > 0)
        {
            HandOver();
        }

        HandOverBlock();

        _batches.CompleteAdding();
        _thread.Join();
        _batches.Dispose();
        _failure?.Throw();
        return ValueTask.CompletedTask;
    }

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
