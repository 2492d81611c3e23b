using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Engagement.Engine.Serialization;

/// <summary>
/// The one JSON form of the engine's stored records (profiles, enrollment states, ledger entries, tasks, events) for every
/// durable store: SQLite rows, Cosmos DB documents, Durable Functions inputs. Instants are ISO-8601 text, enums are
/// camel-case names, <see cref="Journeys.Values.Value"/> is plain JSON, nulls are left out. Stable: the same record always
/// serializes to the same text.
/// </summary>
public static class EngineJson
{
    /// <summary>The settings; shared and not to be changed.</summary>
    public static JsonSerializerSettings Settings { get; } = CreateSettings();

    /// <summary>A serializer with <see cref="Settings"/> (thread-safe for serialization and deserialization).</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>Reads with <see cref="Settings"/> and, like <c>JsonConvert.DeserializeObject</c>, refuses text after the record.</summary>
    private static readonly JsonSerializer Reader = CreateReader();

    /// <summary>Serializes a record to compact JSON: the text <c>JsonConvert.SerializeObject</c> writes with <see cref="Settings"/>,
    /// through pooled buffers; the records a host stores on every stimulus by hand-written writers that write the same text
    /// (<see cref="StoredRecordWriter"/>), anything else through the one shared <see cref="Serializer"/>.</summary>
    public static string Serialize<T>(T value)
    {
        if (StoredRecordWriter.TryWrite(value, out var stored))
        {
            return stored!;
        }

        var builder = _cachedBuilder ?? new StringBuilder(256);
        _cachedBuilder = null;
        try
        {
            var text = new StringWriter(builder, CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Serializer.Formatting, ArrayPool = JsonCharPool.Shared })
            {
                Serializer.Serialize(writer, value, typeof(T));
            }

            return builder.ToString();
        }
        finally
        {
            if (builder.Capacity <= MaxCachedBuilder)
            {
                _cachedBuilder = builder.Clear();
            }
        }
    }

    /// <summary>As <see cref="Serialize{T}"/>, the text in a pooled buffer (<see cref="PooledText"/>): the records written by hand go
    /// there without a string of them; anything else is serialized to a string and copied.</summary>
    public static PooledText SerializePooled<T>(T value) =>
        StoredRecordWriter.TryWritePooled(value, out var stored) ? stored! : PooledText.Copy(Serialize(value));

    /// <summary>The largest builder a thread keeps for its next record (a rendered message is a few KB).</summary>
    private const int MaxCachedBuilder = 64 * 1024;

    /// <summary>This thread's builder between calls of <see cref="Serialize{T}"/> (taken while in use, so a nested call gets its own).</summary>
    [ThreadStatic]
    private static StringBuilder? _cachedBuilder;

    /// <summary>Deserializes a record; throws <see cref="JsonException"/> when the text does not hold one (or holds more). A stored
    /// event in the written form is read by hand (<see cref="StoredRecordReader"/>), anything else by the shared reader.</summary>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (typeof(T) == typeof(Journeys.Runtime.CustomerEvent) && StoredRecordReader.TryRead(json, out var stored))
        {
            return (T)(object)stored!;
        }

        return DeserializeByContract<T>(json);
    }

    /// <summary><see cref="Deserialize{T}"/> without the hand-written reader: the shared reader, whatever the record.</summary>
    internal static T DeserializeByContract<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { ArrayPool = JsonCharPool.Shared };
        return Reader.Deserialize<T>(reader) ?? throw new JsonSerializationException($"expected a {typeof(T).Name}, got null");
    }

    private static JsonSerializer CreateReader()
    {
        var reader = JsonSerializer.Create(Settings);
        reader.CheckAdditionalContent = true;
        return reader;
    }

    private static JsonSerializerSettings CreateSettings() => new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver { NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false } },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        Formatting = Formatting.None,
        Converters = { new InstantJsonConverter(), new ValueJsonConverter(), new StringEnumConverter(new CamelCaseNamingStrategy()) },
    };
}
