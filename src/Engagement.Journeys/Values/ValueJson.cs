using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Journeys.Values;

/// <summary>Converts between <see cref="Value"/> and JSON text or Newtonsoft tokens. Pure: works on strings and tokens only.</summary>
public static class ValueJson
{
    /// <summary>Converts a Newtonsoft token into a value. Dates stay ISO-8601 strings.</summary>
    public static Value FromToken(JToken? token) => token?.Type switch
    {
        null or JTokenType.Undefined => Value.Missing,
        JTokenType.Null => Value.Null,
        JTokenType.Boolean => Value.FromBoolean(token.Value<bool>()),
        JTokenType.Integer when token is JValue { Value: BigInteger big } => Value.FromNumber(ToDouble(big)), // beyond long
        JTokenType.Integer or JTokenType.Float => Value.FromNumber(token.Value<double>()),
        JTokenType.String or JTokenType.Guid or JTokenType.Uri => Value.FromString(token.Value<string>()),
        JTokenType.Date => Value.FromString(token.Value<DateTime>().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
        JTokenType.Array => Value.FromList(token.Children().Select(FromToken)),
        JTokenType.Object => Value.FromObject(((JObject)token).Properties().Select(p => new KeyValuePair<string, Value>(p.Name, FromToken(p.Value)))),
        _ => Value.FromString(token.ToString()),
    };

    /// <summary>Reads the value at <paramref name="reader"/>'s current token (reading the first token when none was read yet),
    /// leaving the reader on the value's last token, as <c>JToken.ReadFrom</c> does; the value is the one <see cref="FromToken"/>
    /// gives for that token (later duplicate keys win, integers beyond a long go through their digits), built without the
    /// tokens. Comments are skipped; anything else unusual (a constructor) goes through the token form.</summary>
    public static Value ReadFrom(JsonReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.TokenType == JsonToken.None && !reader.Read())
        {
            throw new JsonReaderException("expected a JSON value, found the end of the text");
        }

        while (reader.TokenType == JsonToken.Comment)
        {
            Next(reader);
        }

        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                var fields = System.Collections.Immutable.ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
                for (Next(reader); reader.TokenType != JsonToken.EndObject; Next(reader))
                {
                    if (reader.TokenType == JsonToken.Comment)
                    {
                        continue;
                    }

                    var name = (string)reader.Value!;
                    Next(reader);
                    fields[name] = ReadFrom(reader);
                }

                return Value.FromFields(fields.ToImmutable());
            case JsonToken.StartArray:
                var items = System.Collections.Immutable.ImmutableArray.CreateBuilder<Value>();
                for (Next(reader); reader.TokenType != JsonToken.EndArray; Next(reader))
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        items.Add(ReadFrom(reader));
                    }
                }

                return Value.FromList(items.ToImmutable());
            case JsonToken.Integer:
                return Value.FromNumber(reader.Value is BigInteger big ? ToDouble(big) : Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture));
            case JsonToken.Float:
                return Value.FromNumber(Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture));
            case JsonToken.String:
                return Value.FromString((string?)reader.Value);
            case JsonToken.Boolean:
                return Value.FromBoolean((bool)reader.Value!);
            case JsonToken.Null:
                return Value.Null;
            case JsonToken.Undefined:
                return Value.Missing;
            default:
                return FromToken(JToken.ReadFrom(reader));
        }
    }

    private static void Next(JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonReaderException("unexpected end of the text inside a JSON value");
        }
    }

    /// <summary>Parses JSON text (dates are not converted) into a value.</summary>
    public static Value Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return FromToken(JToken.ReadFrom(reader));
    }

    /// <summary>Converts a value to a Newtonsoft token (missing becomes JSON null).</summary>
    public static JToken ToToken(Value value) => value.Kind switch
    {
        ValueKind.Boolean => new JValue(value.AsBoolean()!.Value),
        ValueKind.Number => ToNumberToken(value.AsNumber()!.Value),
        ValueKind.String => new JValue(value.AsString()),
        ValueKind.List => new JArray(value.Items.Select(ToToken)),
        ValueKind.Object => new JObject(value.Fields.Select(f => new JProperty(f.Key, ToToken(f.Value)))),
        _ => JValue.CreateNull(),
    };

    /// <summary>Writes a value as compact JSON with ordinally sorted keys (stable output).</summary>
    public static string Write(Value value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            WriteTo(writer, value);
        }

        return text.ToString();
    }

    /// <summary>Writes a value to <paramref name="writer"/> token by token: the tokens <see cref="ToToken"/> would hold, in the
    /// same order and number form, without building them (missing becomes JSON null).</summary>
    public static void WriteTo(JsonWriter writer, Value value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case ValueKind.Boolean:
                writer.WriteValue(value.AsBoolean()!.Value);
                break;
            case ValueKind.Number:
                var number = value.AsNumber()!.Value;
                if (IsWhole(number))
                {
                    writer.WriteValue((long)number);
                }
                else
                {
                    writer.WriteValue(number);
                }

                break;
            case ValueKind.String:
                writer.WriteValue(value.AsString());
                break;
            case ValueKind.List:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    WriteTo(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ValueKind.Object:
                writer.WriteStartObject();
                foreach (var (name, field) in value.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteTo(writer, field);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNull();
                break;
        }
    }

    // Through the digits, so the double is the nearest one, as for a number parsed as a double.
    private static double ToDouble(BigInteger big) => double.Parse(big.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static JValue ToNumberToken(double number) => IsWhole(number) ? new JValue((long)number) : new JValue(number);

    /// <summary>Whether a number is written as an integer: whole and well inside the range where doubles hold every integer
    /// (else as a double).</summary>
    public static bool IsWhole(double number) => number == Math.Floor(number) && Math.Abs(number) < 9e15;
}
