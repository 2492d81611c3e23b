using System.Text;

namespace Engagement.Engine.Events;

/// <summary>
/// Reads input files (events, profiles) as UTF-8 lines without hiding bytes that are not UTF-8: each such byte becomes a lone
/// surrogate U+DC80–U+DCFF (which no UTF-8 text decodes to), so <see cref="EventParser"/> refuses the line, naming where, and
/// it is kept as rejected instead of being read silently altered (a plain UTF-8 reader turns the bytes into U+FFFD). A UTF-8
/// byte order mark is skipped; <c>\r\n</c> is fine.
/// </summary>
public static class InputLines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of the stream <paramref name="open"/> gives, opened anew for each enumeration (like <c>File.ReadLines</c>).</summary>
    public static IEnumerable<string> Read(Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        foreach (var line in Read(open()))
        {
            yield return line;
        }
    }

    /// <summary>The lines of <paramref name="stream"/> (disposed when the enumeration ends).</summary>
    public static IEnumerable<string> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (stream)
        {
            var buffer = new byte[64 * 1024];
            using var line = new MemoryStream();
            var first = true;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                int end;
                while ((end = Array.IndexOf(buffer, (byte)'\n', start, read - start)) >= 0)
                {
                    line.Write(buffer, start, end - start);
                    yield return Decode(line.GetBuffer(), (int)line.Length, first);
                    first = false;
                    line.SetLength(0);
                    start = end + 1;
                }

                line.Write(buffer, start, read - start);
            }

            if (line.Length > 0)
            {
                yield return Decode(line.GetBuffer(), (int)line.Length, first);
            }
        }
    }

    private static string Decode(byte[] bytes, int length, bool first)
    {
        var span = bytes.AsSpan(0, length);
        if (first && span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (span.Length > 0 && span[^1] == (byte)'\r')
        {
            span = span[..^1];
        }

        try
        {
            return Strict.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            var text = new StringBuilder(span.Length);
            while (!span.IsEmpty)
            {
                if (Rune.DecodeFromUtf8(span, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
                {
                    text.Append(rune.ToString());
                }
                else
                {
                    foreach (var b in span[..consumed])
                    {
                        text.Append((char)(0xDC00 + b));
                    }
                }

                span = span[consumed..];
            }

            return text.ToString();
        }
    }

    /// <summary>The 0-based position of the first character that no valid UTF-8 text holds (a lone surrogate), or -1.</summary>
    public static int FirstInvalid(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        for (var i = 0; i < line.Length; i++)
        {
            if (char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(line[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
