using Engagement.Journeys.Values;
using Newtonsoft.Json;

namespace Engagement.Engine.Serialization;

/// <summary>Writes a <see cref="Value"/> as the plain JSON it stands for (objects, lists, strings, numbers, booleans, null).</summary>
public sealed class ValueJsonConverter : JsonConverter<Value>
{
    /// <inheritdoc />
    public override Value? ReadJson(JsonReader reader, Type objectType, Value? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        ValueJson.ReadFrom(reader);

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, Value? value, JsonSerializer serializer) => ValueJson.WriteTo(writer, value ?? Value.Null);
}
