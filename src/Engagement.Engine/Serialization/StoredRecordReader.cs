using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using NodaTime.Text;

namespace Engagement.Engine.Serialization;

/// <summary>
/// A hand-written reader for the record a host reads back on every stimulus, the stored <see cref="CustomerEvent"/>: the text
/// <see cref="StoredRecordWriter"/> writes (each of the five properties once, in any order, nothing else) read token by token
/// into the record the contract-based serializer would build. Anything else is left to that serializer, which also gives the
/// errors: this reader never throws for bad text, it declines.
/// </summary>
internal static class StoredRecordReader
{
    /// <summary>Reads <paramref name="json"/> as a stored event; false (and null) when it is not exactly one in the written
    /// form, so the caller falls back to the contract-based serializer.</summary>
    public static bool TryRead(string json, out CustomerEvent? value)
    {
        value = null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { ArrayPool = JsonCharPool.Shared, DateParseHandling = DateParseHandling.None };
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return false;
            }

            string? id = null, type = null, customerId = null, time = null;
            Value? data = null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (!reader.Read())
                {
                    return false;
                }

                var ok = name switch
                {
                    "id" => Text(reader, ref id),
                    "type" => Text(reader, ref type),
                    "customerId" => Text(reader, ref customerId),
                    "time" => Text(reader, ref time),
                    "data" => data is null && (data = ValueJson.ReadFrom(reader)) is not null,
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonToken.EndObject || reader.Read() || id is null || type is null || customerId is null || time is null || data is null
                || InstantPattern.ExtendedIso.Parse(time) is not { Success: true } instant)
            {
                return false;
            }

            value = new CustomerEvent(id, type, customerId, instant.Value, data);
            return true;
        }
        catch (JsonException)
        {
            return false; // the contract-based serializer reads it again and says what is wrong
        }
    }

    /// <summary>A string property not seen before in this record.</summary>
    private static bool Text(JsonReader reader, ref string? slot)
    {
        if (slot is not null || reader.TokenType != JsonToken.String)
        {
            return false;
        }

        slot = (string)reader.Value!;
        return true;
    }
}
