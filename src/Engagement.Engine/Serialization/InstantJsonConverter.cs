using Engagement.Journeys.Runtime;
using Newtonsoft.Json;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Engine.Serialization;

/// <summary>Writes <see cref="Instant"/> (and nullable instants) as ISO-8601 UTC text, e.g. <c>2026-03-01T08:00:00Z</c>.</summary>
public sealed class InstantJsonConverter : JsonConverter
{
    /// <inheritdoc />
    public override bool CanConvert(Type objectType) => objectType == typeof(Instant) || objectType == typeof(Instant?);

    /// <inheritdoc />
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return objectType == typeof(Instant?) ? null : throw new JsonSerializationException($"{reader.Path}: expected an ISO-8601 instant, got null");
        }

        var text = reader.TokenType == JsonToken.String ? (string)reader.Value! : reader.Value?.ToString();
        var parsed = InstantPattern.ExtendedIso.Parse(text ?? string.Empty);
        return parsed.Success ? parsed.Value : throw new JsonSerializationException($"{reader.Path}: expected an ISO-8601 instant such as 2026-03-01T08:00:00Z, got '{text}'");
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is Instant instant)
        {
            writer.WriteValue(InstantText.Format(instant));
        }
        else
        {
            writer.WriteNull();
        }
    }
}
