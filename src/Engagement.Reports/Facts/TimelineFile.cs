using System.IO.Compression;
using System.Text;
using Engagement.Engine.Timeline;

namespace Engagement.Reports.Facts;

/// <summary>
/// Reads a timeline written by <c>engage simulate --out</c> (JSON Lines, plain or gzip-compressed) back into entries, streamed:
/// the file is read in blocks of bytes, each line parsed with <see cref="System.Text.Json.Utf8JsonReader"/> (no document is
/// built), and repeated text (journeys, steps, reasons, customer and enrollment ids) is shared through a string pool, so a
/// 10,000-customer year (1.5 million entries) is read in a few seconds in well under the memory of the file.
/// </summary>
public static class TimelineFile
{
    private const int BlockSize = 1 << 20;

    /// <summary>Entries between two calls of the <c>entriesRead</c> callback of <see cref="Read(string, Action{long}?, int)"/>.</summary>
    public const int ReportEvery = 1_000_000;

    /// <summary>The entries of a file, lazily. Gzip is recognized by its magic bytes (1F 8B), whatever the file is called. A
    /// line that is not a timeline entry throws <see cref="FormatException"/> naming <c>file:line</c> and the field.</summary>
    public static IEnumerable<TimelineEntry> Read(string path) => Entries(path);

    /// <summary>As <see cref="Read(string)"/>; <paramref name="entriesRead"/> (optional) hears the number of entries read every
    /// <paramref name="every"/> entries (a 100,000-customer simulation writes about 15 million).</summary>
    public static IEnumerable<TimelineEntry> Read(string path, Action<long>? entriesRead, int every = ReportEvery) =>
        entriesRead is null ? Entries(path) : Counted(Entries(path), entriesRead, every);

    private static IEnumerable<TimelineEntry> Counted(IEnumerable<TimelineEntry> entries, Action<long> entriesRead, int every)
    {
        var count = 0L;
        foreach (var entry in entries)
        {
            yield return entry;
            if (++count % every == 0)
            {
                entriesRead(count);
            }
        }
    }

    private static IEnumerable<TimelineEntry> Entries(string path)
    {
        using var stream = Open(path);
        var parser = new TimelineLineParser();
        var buffer = new byte[BlockSize];
        int start = 0, end = 0, number = 0;
        var eof = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0 && !eof)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = stream.Read(buffer, end, buffer.Length - end);
                eof = read == 0;
                end += read;
                continue;
            }

            if (newline < 0 && start == end)
            {
                yield break;
            }

            var length = newline < 0 ? end - start : newline;
            number++;
            var entry = ParseLine(parser, buffer.AsSpan(start, length), path, number);
            start += newline < 0 ? length : length + 1;
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>One line as an entry (throws <see cref="FormatException"/> naming the field when it is not one).</summary>
    public static TimelineEntry Parse(string line) =>
        new TimelineLineParser().Parse(Encoding.UTF8.GetBytes(line)) ?? throw new FormatException("not a JSON object");

    /// <summary>Opens a timeline file, decompressing it when it starts with the gzip magic bytes.</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static TimelineEntry? ParseLine(TimelineLineParser parser, ReadOnlySpan<byte> line, string path, int number)
    {
        try
        {
            return parser.Parse(line);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            var message = ex is System.Text.Json.JsonException ? "not a JSON object: " + ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0] : ex.Message;
            throw new FormatException($"{path}:{number}: {message}", ex);
        }
    }
}
