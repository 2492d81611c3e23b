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

    /// <summary>Serializes a record to compact JSON.</summary>
    public static string Serialize<T>(T value) => JsonConvert.SerializeObject(value, typeof(T), Settings);

    /// <summary>Deserializes a record; throws <see cref="JsonException"/> when the text does not hold one.</summary>
    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException($"expected a {typeof(T).Name}, got null");

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
