using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Engagement.Local.Http;

/// <summary>
/// Reads a <c>POST /events</c> body into event lines: one JSON event, a JSON array of events (one line per element), or
/// NDJSON (one event per line; forced by <c>application/x-ndjson</c>). The limit is enforced while reading.
/// </summary>
internal static class EventBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private static readonly string[] NdjsonTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"];

    /// <summary>Reads the body into a pooled buffer (dispose it when done); throws a 413 problem as soon as more than <paramref name="limit"/> bytes arrive or are announced.</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.Headers.ContentEncoding is { Count: > 0 } encoding && !string.Equals(encoding.ToString(), "identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(Problem.UnsupportedEncoding(encoding.ToString()));
        }

        if (request.ContentLength > limit)
        {
            throw new ProblemException(Problem.TooLarge(limit));
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        try
        {
            var expected = (int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1;
            return await RequestBody.ReadAsync(request.Body, expected, limit, () => new ProblemException(Problem.TooLarge(limit)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ProblemException(Problem.TooLarge(limit));
        }
    }

    /// <summary>
    /// The event lines of a body; throws a 400 problem when nothing in it can be read as lines. Decodes line by line (no string
    /// of the whole body: that would be a large-object allocation per batch) after checking the whole body is UTF-8.
    /// </summary>
    public static IReadOnlyList<string> Split(ReadOnlyMemory<byte> body, string? contentType)
    {
        if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        if (!Utf8.IsValid(body.Span))
        {
            ThrowNotUtf8(body.Span);
        }

        if (IsBlank(body.Span))
        {
            throw new ProblemException(Problem.InvalidBody("The body is empty: send one JSON event, a JSON array of events, or NDJSON (one event per line)."));
        }

        if (IsNdjson(contentType))
        {
            return Lines(body.Span);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var lines = Lines(body.Span);
            var nonBlank = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Take(2).ToList();
            if (nonBlank.Count == 1 || IsOneJsonValue(nonBlank[0]))
            {
                return lines; // NDJSON, or one malformed event: the host judges (and keeps) every line
            }

            var line = (int)(ex.LineNumber ?? 0) + 1;
            throw new ProblemException(Problem.InvalidBody(
                $"The body is not valid JSON (line {line}, position {(ex.BytePositionInLine ?? 0) + 1}): send one JSON event, a JSON array of events, "
                + "or NDJSON with Content-Type application/x-ndjson.", line));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [Compact(document.RootElement)];
            }

            var events = document.RootElement.EnumerateArray().Select(Compact).ToList();
            return events.Count > 0
                ? events
                : throw new ProblemException(Problem.InvalidBody("The array holds no events: send at least one."));
        }
    }

    /// <summary>Throws the 400 problem naming the line and byte of the first invalid UTF-8 sequence.</summary>
    private static void ThrowNotUtf8(ReadOnlySpan<byte> body)
    {
        try
        {
            _ = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException ex)
        {
            var at = Math.Clamp(ex.Index, 0, body.Length);
            var line = body[..at].Count((byte)'\n') + 1;
            throw new ProblemException(Problem.InvalidBody($"The body is not valid UTF-8 (line {line}, byte {at + 1}): send UTF-8 text.", line));
        }
    }

    /// <summary>Whether the (valid UTF-8) body holds white space only, as <see cref="string.IsNullOrWhiteSpace"/> judges it.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        while (!body.IsEmpty)
        {
            _ = Rune.DecodeFromUtf8(body, out var rune, out var consumed);
            if (!Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            body = body[consumed..];
        }

        return true;
    }

    private static bool IsNdjson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && NdjsonTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The lines between line feeds (a carriage return before one dropped), as <c>string.Split('\n')</c> gives them.</summary>
    private static List<string> Lines(ReadOnlySpan<byte> body)
    {
        var lines = new List<string>();
        while (true)
        {
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1];
            }

            lines.Add(StrictUtf8.GetString(line));
            if (end < 0)
            {
                return lines;
            }

            body = body[(end + 1)..];
        }
    }

    private static bool IsOneJsonValue(string line)
    {
        try
        {
            using var _ = JsonDocument.Parse(line, DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The element's own text without the whitespace between tokens: one line, every escape and number as sent.</summary>
    private static string Compact(JsonElement element)
    {
        var raw = element.GetRawText();
        var compact = new StringBuilder(raw.Length);
        bool inString = false, escaped = false;
        foreach (var c in raw)
        {
            if (inString)
            {
                inString = escaped || c != '"';
                escaped = !escaped && c == '\\';
            }
            else if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }
            else
            {
                inString = c == '"';
            }

            compact.Append(c);
        }

        return compact.ToString();
    }
}
