using System.Buffers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Serialization;

/// <summary>
/// Reads one input line (an event or a profile) into a JSON token the way the parsers need it: dates left as text, no line
/// information kept on the tokens (the parsers name fields, not positions), the reader's character buffer rented from
/// the shared pool instead of allocated per line, and property names shared across lines (<see cref="SharedText"/>).
/// Millions of lines go through it in a large simulation.
/// </summary>
internal static class InputLineReader
{
    private static readonly JsonLoadSettings Settings = new() { LineInfoHandling = LineInfoHandling.Ignore };

    /// <summary>The line's token; throws <see cref="JsonReaderException"/> for malformed JSON, as <see cref="JToken.ReadFrom(JsonReader)"/> does.</summary>
    public static JToken Read(string line)
    {
        using var reader = Open(line);
        return JToken.ReadFrom(reader, Settings);
    }

    /// <summary>The line's object; throws <see cref="JsonReaderException"/> for malformed JSON or another kind of value, as <see cref="JObject.Load(JsonReader)"/> does.</summary>
    public static JObject ReadObject(string line)
    {
        using var reader = Open(line);
        return JObject.Load(reader, Settings);
    }

    /// <summary>A reader over the line with the settings <see cref="Read"/> uses (dates as text, pooled buffer, shared names), for
    /// callers that read the tokens themselves (<see cref="Events.StreamingEventReader"/>).</summary>
    public static JsonTextReader Open(string line) =>
        new(new StringReader(line)) { DateParseHandling = DateParseHandling.None, ArrayPool = SharedChars.Instance, PropertyNameTable = SharedNames.Instance };

    /// <summary>Newtonsoft.Json's name table over <see cref="SharedText"/>: the reader asks it for each property name.</summary>
    private sealed class SharedNames : JsonNameTable
    {
        public static SharedNames Instance { get; } = new();

        public override string? Get(char[] key, int start, int length) => SharedText.Share(key.AsSpan(start, length));
    }

    /// <summary>Newtonsoft.Json's buffer pool interface over <see cref="ArrayPool{T}.Shared"/>.</summary>
    private sealed class SharedChars : IArrayPool<char>
    {
        public static SharedChars Instance { get; } = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
