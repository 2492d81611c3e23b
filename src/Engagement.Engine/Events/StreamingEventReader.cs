using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;

namespace Engagement.Engine.Events;

/// <summary>
/// The fast path of <see cref="EventParser"/>: reads a well-formed event line token by token straight into a
/// <see cref="CustomerEvent"/> (<c>data</c> through <see cref="ValueJson.ReadFrom"/>), without the token tree the strict path
/// builds. It takes only lines the strict path accepts, and gives the same event for them: string <c>id</c>, <c>type</c>,
/// <c>customerId</c> and <c>time</c> that are not blank, each field at most once and no other, <c>time</c> an instant,
/// <c>data</c> absent, null or an object of finite numbers. Anything else (an error, a comment, a contact in place of the
/// customer id, a duplicate field) it declines, and the strict path reads the line and says what is wrong. Millions of
/// lines go through it in a large simulation.
/// </summary>
internal static class StreamingEventReader
{
    private const int Id = 1, Type = 2, CustomerId = 4, Time = 8, Data = 16, Required = Id | Type | CustomerId | Time;

    /// <summary>The event of a well-formed line; false (and null) for a line the strict path must read.</summary>
    public static bool TryRead(string line, out CustomerEvent? customerEvent)
    {
        customerEvent = null;
        try
        {
            using var reader = InputLineReader.Open(line);
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return false;
            }

            var seen = 0;
            string? id = null, type = null, customerId = null, time = null;
            var data = Value.EmptyObject;
            var closed = false;
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.PropertyName)
                {
                    closed = reader.TokenType == JsonToken.EndObject;
                    break;
                }

                var field = (string)reader.Value! switch
                {
                    "id" => Id,
                    "type" => Type,
                    "customerId" => CustomerId,
                    "time" => Time,
                    "data" => Data,
                    _ => 0,
                };
                if (field == 0 || (seen & field) != 0 || !reader.Read())
                {
                    return false;
                }

                seen |= field;
                if (field == Data)
                {
                    if (reader.TokenType == JsonToken.StartObject)
                    {
                        data = ValueJson.ReadFrom(reader);
                    }
                    else if (reader.TokenType != JsonToken.Null)
                    {
                        return false;
                    }

                    continue;
                }

                if (reader.TokenType != JsonToken.String || reader.Value is not string text || string.IsNullOrWhiteSpace(text))
                {
                    return false;
                }

                _ = field switch
                {
                    Id => id = text,
                    Type => type = text,
                    CustomerId => customerId = text,
                    _ => time = text,
                };
            }

            if (!closed || (seen & Required) != Required || !InstantText.TryParse(time!, out var instant) || !Finite(data))
            {
                return false;
            }

            customerEvent = new CustomerEvent(id!, type!, customerId!, instant, data);
            return true;
        }
        catch (JsonReaderException)
        {
            return false;
        }
    }

    /// <summary>Whether every number in the value is finite (the strict path refuses the others by path).</summary>
    private static bool Finite(Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Number:
                return double.IsFinite(value.AsNumber()!.Value);
            case ValueKind.List:
                foreach (var item in value.Items)
                {
                    if (!Finite(item))
                    {
                        return false;
                    }
                }

                return true;
            case ValueKind.Object:
                foreach (var (_, field) in value.Fields)
                {
                    if (!Finite(field))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
