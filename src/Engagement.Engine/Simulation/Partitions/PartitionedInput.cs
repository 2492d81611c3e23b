using System.Text;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// A simulation's input split by customer (<see cref="CustomerPartition"/>) in one pass: every profile and event line is checked
/// as an unpartitioned run checks it (the event window against the latest accepted time of the whole file), rejected lines are
/// kept in line order, and each accepted line is written, as read, to its partition's file in a directory of its own under the
/// system's temporary directory. An event whose id an earlier line of another customer already used goes to its partition too,
/// with the id listed as already processed there (<see cref="ProcessedBefore"/>), so the partition ignores it as the
/// unpartitioned run does, and counts it the same way (a customer's own repeats need nothing: its partition sees the first). The directory is deleted by <see cref="Dispose"/>. Not thread-safe while splitting; the partitions' files may then
/// be read from several threads.
/// </summary>
internal sealed class PartitionedInput : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly DirectoryInfo _directory;
    private readonly int[] _eventCounts;
    private readonly Instant?[] _first;
    private readonly Instant?[] _last;
    private readonly HashSet<string>[] _processedBefore;
    private readonly Action<long>? _linesRead;
    private long _lines;

    private PartitionedInput(DirectoryInfo directory, int count, Action<long>? linesRead)
    {
        _directory = directory;
        _linesRead = linesRead;
        Count = count;
        _eventCounts = new int[count];
        _first = new Instant?[count];
        _last = new Instant?[count];
        _processedBefore = Enumerable.Range(0, count).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>Partitions.</summary>
    public int Count { get; }

    /// <summary>Rejected lines: profiles first, then events, each in line order.</summary>
    public List<InputRejection> Rejections { get; } = [];

    /// <summary>The earliest accepted event time.</summary>
    public Instant? First { get; private set; }

    /// <summary>The latest accepted event time.</summary>
    public Instant? Last { get; private set; }

    /// <summary>Accepted event lines whose id another customer's earlier event had.</summary>
    public int DuplicatesAcrossCustomers { get; private set; }

    /// <summary>Event ids <paramref name="partition"/> must treat as processed before its run: ids its customers' events share with
    /// an earlier event of a customer elsewhere.</summary>
    public IReadOnlyCollection<string> ProcessedBefore(int partition) => _processedBefore[partition];

    /// <summary>Splits the lines into <paramref name="count"/> partitions; null (and nothing left on disk) when the accepted events
    /// are not in time order, which only an unpartitioned run sorts.</summary>
    public static PartitionedInput? Split(IEnumerable<string> profileLines, IEnumerable<string> eventLines, int count, EventTimeWindow window, Action<long>? linesRead, CancellationToken cancellationToken)
    {
        var input = new PartitionedInput(CreateDirectory(), count, linesRead);
        Task<List<InputRejection>>? profiles = null;
        try
        {
            // The two files are split at the same time, on two threads (each writes its own partition files).
            profiles = Task.Run(() => input.SplitProfiles(profileLines, cancellationToken), cancellationToken);
            var sorted = input.SplitEvents(eventLines, window, cancellationToken, out var eventRejections);
            input.Rejections.AddRange(profiles.GetAwaiter().GetResult());
            input.Rejections.AddRange(eventRejections);
            if (sorted)
            {
                return input;
            }
        }
        catch
        {
            // The profiles' thread must be done with its files before they are deleted; its own failure, if any, comes second.
            ((IAsyncResult?)profiles)?.AsyncWaitHandle.WaitOne();
            input.Dispose();
            throw;
        }

        input.Dispose();
        return null;
    }

    /// <summary>A new directory <c>engage-simulate-*</c> under the system's temporary directory; a failure names where and what to do.</summary>
    private static DirectoryInfo CreateDirectory()
    {
        try
        {
            return Directory.CreateTempSubdirectory("engage-simulate-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"cannot create the partitions' temporary directory under {Path.GetTempPath()} ({e.Message}): set TMPDIR to a writable directory with room for the input, or use --partitions 1", e);
        }
    }

    /// <summary>The profile lines of <paramref name="partition"/>, as read.</summary>
    public IEnumerable<string> Profiles(int partition) => InputLines.Read(() => File.OpenRead(PathOf(partition, "profiles")));

    /// <summary>The events of <paramref name="partition"/> in time order, parsed ahead of the run on a thread of their own.</summary>
    public EventInput Events(int partition) =>
        EventInput.Prechecked(InputLines.Read(() => File.OpenRead(PathOf(partition, "events"))), _eventCounts[partition], _first[partition], _last[partition]);

    /// <summary>Accepted events of <paramref name="partition"/>.</summary>
    public int EventCount(int partition) => _eventCounts[partition];

    /// <summary>Where <paramref name="partition"/>'s timeline is spooled (deleted with the rest).</summary>
    public string TimelinePath(int partition) => PathOf(partition, "timeline");

    /// <summary>Deletes the partitions' files.</summary>
    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary directory, where the system cleans up.
        }
    }

    private List<InputRejection> SplitProfiles(IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var rejections = new List<InputRejection>();
        var writers = Open("profiles");
        try
        {
            var number = 0;
            foreach (var line in lines)
            {
                number++;
                CountLine(cancellationToken);

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (ProfileParser.TryParse(line, out var profile, out var field, out var error))
                {
                    Write(writers[CustomerPartition.Of(profile!.CustomerId, Count)], line);
                }
                else
                {
                    rejections.Add(new InputRejection(number, "profiles", line, field, error!));
                }
            }
        }
        finally
        {
            Close(writers);
        }

        return rejections;
    }

    /// <summary>False as soon as an accepted event is earlier than one before it.</summary>
    private bool SplitEvents(IEnumerable<string> lines, EventTimeWindow window, CancellationToken cancellationToken, out List<InputRejection> rejections)
    {
        rejections = [];
        var writers = Open("events");
        var firstCustomerOfId = new Dictionary<IdDigest, ulong>();
        var rejected = new List<(int Line, string Raw, string? Field, string Reason)>();
        try
        {
            Instant? latest = null;
            var number = 0;
            foreach (var line in lines)
            {
                number++;
                CountLine(cancellationToken);

                if (EventInput.Check(line, number, window, ref latest, rejected) is not { } e)
                {
                    continue;
                }

                if (latest is { } l && e.Time < l)
                {
                    return false;
                }

                latest = e.Time;
                First ??= e.Time;
                Last = e.Time;
                var partition = CustomerPartition.Of(e.CustomerId, Count);
                var customer = StableHash.Of(e.CustomerId);
                var id = Digest(e.Id);
                if (!firstCustomerOfId.TryAdd(id, customer) && firstCustomerOfId[id] != customer)
                {
                    DuplicatesAcrossCustomers++;
                    _processedBefore[partition].Add(e.Id);
                }

                Write(writers[partition], line);
                _eventCounts[partition]++;
                _first[partition] ??= e.Time;
                _last[partition] = e.Time;
            }
        }
        finally
        {
            Close(writers);
        }

        rejections.AddRange(rejected.Select(r => new InputRejection(r.Line, "events", r.Raw, r.Field, r.Reason)));
        return true;
    }

    /// <summary>Counts a line read; every 100,000 lines checks for cancellation and reports the count.</summary>
    private void CountLine(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _lines) is var lines && lines % 100_000 == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _linesRead?.Invoke(lines);
        }
    }

    /// <summary>The id's digest as <see cref="HashedKeySet"/> keeps processed ids, in two halves.</summary>
    private static IdDigest Digest(string id)
    {
        var digest = HashedKeySet.DigestOf(id);
        return new IdDigest((ulong)digest, (ulong)(digest >> 64));
    }

    /// <summary>128 bits of an id's digest as two 8-byte halves: a map entry of 32 bytes, where a 16-byte-aligned
    /// <see cref="UInt128"/> key makes it 48 (a million members' events are seven million entries).</summary>
    private readonly record struct IdDigest(ulong Low, ulong High);

    /// <summary>One writer per partition for <paramref name="kind"/>; the buffers shrink as partitions grow in number (at most
    /// about 16 MB for all). When one cannot be opened (the open-file limit, say), those already open are closed and the error
    /// says what to change.</summary>
    private StreamWriter[] Open(string kind)
    {
        var buffer = Math.Clamp((8 << 20) / Count, 4 << 10, 64 << 10);
        var writers = new StreamWriter[Count];
        for (var p = 0; p < Count; p++)
        {
            try
            {
                writers[p] = new StreamWriter(new FileStream(PathOf(p, kind), FileMode.Create, FileAccess.Write, FileShare.Read, buffer), Utf8, buffer / 2);
            }
            catch (IOException e)
            {
                Close(writers.AsSpan(0, p));
                throw new IOException(
                    $"cannot open the {kind} file of partition {p + 1} of {Count} in {_directory.FullName} ({e.Message}): the split keeps two files open per partition; raise the open-file limit (ulimit -n) or use fewer --partitions", e);
            }
        }

        return writers;
    }

    private static void Write(StreamWriter writer, string line)
    {
        writer.Write(line);
        writer.Write('\n');
    }

    private static void Close(ReadOnlySpan<StreamWriter> writers)
    {
        foreach (var writer in writers)
        {
            writer.Dispose();
        }
    }

    private string PathOf(int partition, string kind) => Path.Combine(_directory.FullName, $"p{partition:D4}.{kind}.jsonl");
}
