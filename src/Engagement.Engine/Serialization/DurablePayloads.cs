using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Engagement.Engine.Serialization;

/// <summary>
/// The text form of what crosses a durable orchestration boundary (orchestration inputs, activity inputs and outputs, raised
/// events): <see cref="EngineJson"/> plus a <c>$type</c> name where a value is one of several records (effects, stimuli), limited
/// to the engine's own runtime types so a payload can never name an arbitrary .NET type. Hosts pass these strings through
/// their own serializer untouched, so the orchestration sees exactly what the engine wrote. Deterministic: the same value always
/// gives the same text, which Durable replay relies on.
/// </summary>
public static class DurablePayloads
{
    private static readonly JsonSerializerSettings Settings = CreateSettings();

    /// <summary>Serializes a payload.</summary>
    public static string Serialize<T>(T value) => JsonConvert.SerializeObject(value, typeof(T), Settings);

    /// <summary>Deserializes a payload; throws <see cref="JsonException"/> when the text does not hold one.</summary>
    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException($"expected a {typeof(T).Name}, got null");

    private static JsonSerializerSettings CreateSettings()
    {
        var settings = new JsonSerializerSettings(EngineJson.Settings)
        {
            TypeNameHandling = TypeNameHandling.Auto,
            SerializationBinder = new EngineTypesBinder(),
        };
        return settings;
    }

    /// <summary>Names types by their full name without the assembly, and resolves only types of the Journeys and engine assemblies.</summary>
    private sealed class EngineTypesBinder : ISerializationBinder
    {
        private static readonly System.Reflection.Assembly[] Allowed =
            [typeof(Journeys.Runtime.Effect).Assembly, typeof(DurablePayloads).Assembly];

        /// <summary>The type named <paramref name="typeName"/> in the Journeys or engine assembly (the assembly name written is
        /// ignored); throws <see cref="JsonSerializationException"/> for any other type, so a payload cannot make the worker load one.</summary>
        public Type BindToType(string? assemblyName, string typeName)
        {
            foreach (var assembly in Allowed)
            {
                if (assembly.GetType(typeName, throwOnError: false) is { } type)
                {
                    return type;
                }
            }

            throw new JsonSerializationException($"'{typeName}' is not an engine type");
        }

        /// <summary>Writes the type's full name and no assembly name.</summary>
        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
        {
            assemblyName = null;
            typeName = serializedType.FullName;
        }
    }
}
