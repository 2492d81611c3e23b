using System.Text;
using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// A partition's timeline on disk while the other partitions run: each entry in a compact binary form (its instant in ticks,
/// a byte of flags for the fields present, the kind, the strings as length-prefixed UTF-8), in recording order. A run that
/// came out of time order (<see cref="TimelineFeed.InOrder"/>) is read back sorted, ties in recording order, so every spool
/// reads in time order for <see cref="TimelineMerge"/>. Writing is not thread-safe (one partition's thread); reading opens
/// the file anew each time.
/// </summary>
internal sealed class TimelineSpool : ITimelineSink, IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly BinaryWriter _writer;

    /// <summary>Creates (or replaces) the spool file at <paramref name="path"/>.</summary>
    public TimelineSpool(string path)
    {
        Path = path;
        _writer = new BinaryWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), Utf8);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Entries written.</summary>
    public long Count { get; private set; }

    /// <summary>Whether <see cref="Read"/> must sort (set by the partition when its run recorded an entry out of time order).</summary>
    public bool NeedsSorting { get; set; }

    /// <inheritdoc/>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Write(_writer, entry);
        Count++;
        return ValueTask.CompletedTask;
    }

    /// <summary>Flushes and closes the file for writing.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>The entries in time order (ties in recording order).</summary>
    public IEnumerable<TimelineEntry> Read()
    {
        var entries = ReadAsWritten();
        return NeedsSorting ? entries.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e) : entries;
    }

    private IEnumerable<TimelineEntry> ReadAsWritten()
    {
        using var reader = new BinaryReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), Utf8);
        for (var i = 0L; i < Count; i++)
        {
            yield return ReadEntry(reader);
        }
    }

    [Flags]
    private enum Fields : ushort
    {
        None = 0,
        CustomerId = 1 << 0,
        Journey = 1 << 1,
        Version = 1 << 2,
        Step = 1 << 3,
        Channel = 1 << 4,
        Template = 1 << 5,
        Locale = 1 << 6,
        Variant = 1 << 7,
        Reason = 1 << 8,
        Priority = 1 << 9,
        Detail = 1 << 10,
        Holdout = 1 << 11,
        HoldoutTrue = 1 << 12,
        EnrollmentId = 1 << 13,
    }

    private static void Write(BinaryWriter w, TimelineEntry e)
    {
        var fields = Fields.None;
        fields |= e.CustomerId is null ? 0 : Fields.CustomerId;
        fields |= e.Journey is null ? 0 : Fields.Journey;
        fields |= e.Version is null ? 0 : Fields.Version;
        fields |= e.Step is null ? 0 : Fields.Step;
        fields |= e.Channel is null ? 0 : Fields.Channel;
        fields |= e.Template is null ? 0 : Fields.Template;
        fields |= e.Locale is null ? 0 : Fields.Locale;
        fields |= e.Variant is null ? 0 : Fields.Variant;
        fields |= e.Reason is null ? 0 : Fields.Reason;
        fields |= e.Priority is null ? 0 : Fields.Priority;
        fields |= e.Detail is null ? 0 : Fields.Detail;
        fields |= e.Holdout is null ? 0 : e.Holdout.Value ? Fields.Holdout | Fields.HoldoutTrue : Fields.Holdout;
        fields |= e.EnrollmentId is null ? 0 : Fields.EnrollmentId;
        w.Write(e.At.ToUnixTimeTicks());
        w.Write((int)e.Kind);
        w.Write((ushort)fields);
        WriteIf(w, e.CustomerId);
        WriteIf(w, e.Journey);
        if (e.Version is { } version)
        {
            w.Write(version);
        }

        WriteIf(w, e.Step);
        WriteIf(w, e.Channel);
        WriteIf(w, e.Template);
        WriteIf(w, e.Locale);
        WriteIf(w, e.Variant);
        WriteIf(w, e.Reason);
        WriteIf(w, e.Priority);
        WriteIf(w, e.Detail);
        WriteIf(w, e.EnrollmentId);
    }

    private static void WriteIf(BinaryWriter w, string? text)
    {
        if (text is not null)
        {
            w.Write(text);
        }
    }

    private static TimelineEntry ReadEntry(BinaryReader r)
    {
        var at = Instant.FromUnixTimeTicks(r.ReadInt64());
        var kind = (TimelineKind)r.ReadInt32();
        var fields = (Fields)r.ReadUInt16();
        return new TimelineEntry
        {
            At = at,
            Kind = kind,
            CustomerId = ReadIf(r, fields, Fields.CustomerId),
            Journey = ReadIf(r, fields, Fields.Journey),
            Version = fields.HasFlag(Fields.Version) ? r.ReadInt32() : null,
            Step = ReadIf(r, fields, Fields.Step),
            Channel = ReadIf(r, fields, Fields.Channel),
            Template = ReadIf(r, fields, Fields.Template),
            Locale = ReadIf(r, fields, Fields.Locale),
            Variant = ReadIf(r, fields, Fields.Variant),
            Reason = ReadIf(r, fields, Fields.Reason),
            Priority = ReadIf(r, fields, Fields.Priority),
            Detail = ReadIf(r, fields, Fields.Detail),
            Holdout = fields.HasFlag(Fields.Holdout) ? fields.HasFlag(Fields.HoldoutTrue) : null,
            EnrollmentId = ReadIf(r, fields, Fields.EnrollmentId),
        };
    }

    private static string? ReadIf(BinaryReader r, Fields fields, Fields field) => fields.HasFlag(field) ? r.ReadString() : null;
}
