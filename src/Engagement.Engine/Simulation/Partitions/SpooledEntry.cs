using System.Buffers.Binary;
using System.Text;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// A timeline entry in the compact binary form a <see cref="TimelineSpool"/> of entries keeps (the instant is in the record's
/// header): the kind, two bytes of flags for the fields present, the version, then each present string as a length and UTF-8.
/// Pure.
/// </summary>
internal static class SpooledEntry
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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

    /// <summary>Writes <paramref name="e"/> into <paramref name="buffer"/> from <paramref name="offset"/> (growing it as needed) and
    /// returns the bytes written.</summary>
    public static int Write(TimelineEntry e, ref byte[] buffer, int offset)
    {
        string?[] texts = [e.CustomerId, e.Journey, e.Step, e.Channel, e.Template, e.Locale, e.Variant, e.Reason, e.Priority, e.Detail, e.EnrollmentId];
        var most = 10 + texts.Sum(t => t is null ? 0 : 4 + Utf8.GetMaxByteCount(t.Length));
        if (buffer.Length < offset + most)
        {
            Array.Resize(ref buffer, Math.Max(offset + most, buffer.Length * 2));
        }

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
        var span = buffer.AsSpan(offset);
        BinaryPrimitives.WriteInt32LittleEndian(span, (int)e.Kind);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)fields);
        BinaryPrimitives.WriteInt32LittleEndian(span[6..], e.Version ?? 0);
        var at = 10;
        foreach (var text in texts)
        {
            if (text is not null)
            {
                var length = Utf8.GetBytes(text, span[(at + 4)..]);
                BinaryPrimitives.WriteInt32LittleEndian(span[at..], length);
                at += 4 + length;
            }
        }

        return at;
    }

    /// <summary>Reads the entry written by <see cref="Write"/>.</summary>
    public static TimelineEntry Read(Instant at, ReadOnlySpan<byte> bytes)
    {
        var kind = (TimelineKind)BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var fields = (Fields)BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[6..]);
        var position = 10;
        return new TimelineEntry
        {
            At = at,
            Kind = kind,
            CustomerId = Next(bytes, fields, ref position, Fields.CustomerId),
            Journey = Next(bytes, fields, ref position, Fields.Journey),
            Version = fields.HasFlag(Fields.Version) ? version : null,
            Step = Next(bytes, fields, ref position, Fields.Step),
            Channel = Next(bytes, fields, ref position, Fields.Channel),
            Template = Next(bytes, fields, ref position, Fields.Template),
            Locale = Next(bytes, fields, ref position, Fields.Locale),
            Variant = Next(bytes, fields, ref position, Fields.Variant),
            Reason = Next(bytes, fields, ref position, Fields.Reason),
            Priority = Next(bytes, fields, ref position, Fields.Priority),
            Detail = Next(bytes, fields, ref position, Fields.Detail),
            Holdout = fields.HasFlag(Fields.Holdout) ? fields.HasFlag(Fields.HoldoutTrue) : null,
            EnrollmentId = Next(bytes, fields, ref position, Fields.EnrollmentId),
        };
    }

    private static string? Next(ReadOnlySpan<byte> bytes, Fields fields, ref int position, Fields field)
    {
        if (!fields.HasFlag(field))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]);
        var text = Utf8.GetString(bytes.Slice(position + 4, length));
        position += 4 + length;
        return text;
    }
}
