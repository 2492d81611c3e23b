using System.Buffers.Binary;
using System.Text;
using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// A partition's timeline on disk while the other partitions run, in recording order, as records of its instant (ticks), a
/// length and either the entry's line as <see cref="TimelineLineWriter"/> formats it in UTF-8 (<see cref="Formatted"/>: the
/// merged output only copies it) or the entry in a compact binary form (<see cref="SpooledEntry"/>: read back as an entry). A
/// run that came out of time order (<see cref="TimelineFeed.InOrder"/>) is read back sorted, ties in recording order, so every
/// spool reads in time order for <see cref="TimelineMerge"/>. Writing is not thread-safe (one partition's thread); each read
/// opens the file anew.
/// </summary>
internal sealed class TimelineSpool : ITimelineSink, IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly FileStream _file;
    private readonly TimelineLineWriter? _lines;
    private byte[] _record = new byte[1024];

    /// <summary>Creates (or replaces) the spool file at <paramref name="path"/>, of formatted lines or of entries.</summary>
    public TimelineSpool(string path, bool formatted)
    {
        Path = path;
        Formatted = formatted;
        _lines = formatted ? new TimelineLineWriter() : null;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
    }

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
        var length = _lines is not null ? Encode(_lines.Format(entry)) : SpooledEntry.Write(entry, ref _record, 12);
        BinaryPrimitives.WriteInt64LittleEndian(_record, entry.At.ToUnixTimeTicks());
        BinaryPrimitives.WriteInt32LittleEndian(_record.AsSpan(8), length);
        _file.Write(_record, 0, 12 + length);
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

    private int Encode(ReadOnlySpan<char> line)
    {
        var most = Utf8.GetMaxByteCount(line.Length) + 12;
        if (_record.Length < most)
        {
            Array.Resize(ref _record, Math.Max(most, _record.Length * 2));
        }

        return Utf8.GetBytes(line, _record.AsSpan(12));
    }

    private IEnumerable<(Instant At, ReadOnlyMemory<byte> Bytes)> ReadAsWritten()
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = new byte[12];
        var buffer = new byte[1024];
        for (var i = 0L; i < Count; i++)
        {
            file.ReadExactly(header);
            var at = Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64LittleEndian(header));
            var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            file.ReadExactly(buffer, 0, length);
            yield return (at, buffer.AsMemory(0, length));
        }
    }
}
