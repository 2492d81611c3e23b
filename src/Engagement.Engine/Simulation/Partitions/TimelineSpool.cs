using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// A partition's timeline on disk while the other partitions run, in recording order, as records of its instant (ticks since the
/// Unix epoch and the nanoseconds below a tick, so no precision is lost), a length and either the entry's line as <see cref="TimelineLineWriter"/> formats it in UTF-8 (<see cref="Formatted"/>: the
/// merged output only copies it) or the entry in a compact binary form (<see cref="SpooledEntry"/>: read back as an entry). A
/// run that came out of time order (<see cref="TimelineFeed.InOrder"/>) is read back sorted, ties in recording order, so every
/// spool reads in time order for <see cref="TimelineMerge"/>. Writing is not thread-safe (one partition's thread); each read
/// opens the file anew.
/// </summary>
internal sealed class TimelineSpool : ITimelineSink, IDisposable
{
    /// <summary>A record's header: ticks (8 bytes), nanoseconds below the tick (1), the length that follows (4).</summary>
    private const int HeaderSize = 13;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Stream _file;
    private readonly TimelineLineWriter? _lines;
    private byte[] _record = new byte[1024];

    /// <summary>Creates (or replaces) the spool file at <paramref name="path"/>, of formatted lines or of entries, deflated
    /// (<see cref="CompressionLevel.Fastest"/>) when <paramref name="compressed"/>.</summary>
    public TimelineSpool(string path, bool formatted, bool compressed = false)
    {
        Path = path;
        Formatted = formatted;
        Compressed = compressed;
        _lines = formatted ? new TimelineLineWriter() : null;
        Stream file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, compressed ? 1 << 12 : 1 << 16);
        _file = compressed ? new BufferedStream(new DeflateStream(file, CompressionLevel.Fastest), 1 << 16) : file;
    }

    /// <summary>Whether the file is deflated.</summary>
    public bool Compressed { get; }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Whether records hold formatted lines (otherwise binary entries).</summary>
    public bool Formatted { get; }

    /// <summary>Entries written.</summary>
    public long Count { get; private set; }

    /// <summary>Whether reading must sort (set by the partition when its run recorded an entry out of time order).</summary>
    public bool NeedsSorting { get; set; }

    /// <inheritdoc/>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var length = _lines is not null ? Encode(_lines.Format(entry)) : SpooledEntry.Write(entry, ref _record, HeaderSize);
        var ticks = entry.At.ToUnixTimeTicks();
        BinaryPrimitives.WriteInt64LittleEndian(_record, ticks);
        _record[8] = (byte)(entry.At - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds();
        BinaryPrimitives.WriteInt32LittleEndian(_record.AsSpan(9), length);
        _file.Write(_record, 0, HeaderSize + length);
        Count++;
        return ValueTask.CompletedTask;
    }

    /// <summary>Flushes and closes the file for writing.</summary>
    public void Dispose() => _file.Dispose();

    /// <summary>The records in time order (ties in recording order): the instant and the bytes, valid until the next record
    /// unless sorting was needed.</summary>
    public IEnumerable<(Instant At, ReadOnlyMemory<byte> Bytes)> Read()
    {
        var records = ReadAsWritten();
        return NeedsSorting
            ? records.Select((r, i) => (r.At, Bytes: (ReadOnlyMemory<byte>)r.Bytes.ToArray(), i)).ToList().OrderBy(r => r.At).ThenBy(r => r.i).Select(r => (r.At, r.Bytes))
            : records;
    }

    /// <summary>The entry of a record read from a spool of entries.</summary>
    public static TimelineEntry EntryOf(Instant at, ReadOnlySpan<byte> bytes) => SpooledEntry.Read(at, bytes);

    /// <summary>The entries of a spool of entries, in time order as <see cref="Read"/> gives them.</summary>
    public IEnumerable<TimelineEntry> Entries() =>
        Formatted ? throw new InvalidOperationException("This spool holds formatted lines, not entries.") : Read().Select(r => EntryOf(r.At, r.Bytes.Span));

    private int Encode(ReadOnlySpan<char> line)
    {
        var most = Utf8.GetMaxByteCount(line.Length) + HeaderSize;
        if (_record.Length < most)
        {
            Array.Resize(ref _record, Math.Max(most, _record.Length * 2));
        }

        return Utf8.GetBytes(line, _record.AsSpan(HeaderSize));
    }

    private IEnumerable<(Instant At, ReadOnlyMemory<byte> Bytes)> ReadAsWritten()
    {
        Stream raw = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, Compressed ? 1 << 12 : 1 << 16);
        using var file = Compressed ? new BufferedStream(new DeflateStream(raw, CompressionMode.Decompress), 1 << 16) : raw;
        var header = new byte[HeaderSize];
        var buffer = new byte[1024];
        for (var i = 0L; i < Count; i++)
        {
            file.ReadExactly(header);
            var at = Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64LittleEndian(header)) + Duration.FromNanoseconds(header[8]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(9));
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            file.ReadExactly(buffer, 0, length);
            yield return (at, buffer.AsMemory(0, length));
        }
    }
}
